import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { DatePipe } from '@angular/common';
import { PortalListItem } from '../core/api/api-types';
import { describeError } from '../core/api/problem-details';

/** Accepts either a bare array or a paged `{ items }` body: the portal shapes are not fixed yet. */
export function listOf(body: unknown): PortalListItem[] {
  const items = Array.isArray(body) ? body : (body as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? items.filter((item): item is PortalListItem => !!item && typeof item === 'object') : [];
}

export function titleOf(item: PortalListItem): string {
  const title = item.title ?? item.name ?? item.instrument ?? item.exerciseCode;
  return typeof title === 'string' && title.trim() ? title : 'Untitled';
}

@Component({
  selector: 'app-portal-home',
  imports: [DatePipe],
  templateUrl: './portal-home.html',
  styles: `
    section { margin-bottom: 2rem; }
    h2 { font-size: 1.25rem; font-weight: 500; }
    ul { padding-left: 1.25rem; }
    li { margin-bottom: 0.5rem; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalHome {
  protected readonly me = httpResource<Record<string, unknown>>(() => '/api/portal/me');
  protected readonly homeworkResponse = httpResource<unknown>(() => '/api/portal/homework');
  protected readonly questionnairesResponse = httpResource<unknown>(() => '/api/portal/questionnaires');

  protected readonly name = computed(() => {
    const me = this.me.hasValue() ? this.me.value() : null;
    const name = me?.['firstName'] ?? me?.['displayName'];
    return typeof name === 'string' ? name : null;
  });
  protected readonly homework = computed(() => listOf(this.homeworkResponse.value()));
  protected readonly questionnaires = computed(() => listOf(this.questionnairesResponse.value()));
  protected readonly titleOf = titleOf;

  protected describe(error: unknown): string {
    return describeError(error);
  }
}
