import { httpResource } from '@angular/common/http';
import { computed, Injectable, signal } from '@angular/core';
import { Couple } from '../../core/api/api-types';

/**
 * The couple a workspace is open on, read once and shared by its sections (provided by the
 * workspace component, so each open workspace has its own). Sections read their own data.
 */
@Injectable()
export class CoupleContext {
  readonly id = signal('');
  readonly couple = httpResource<Couple>(() => (this.id() ? `/api/couples/${encodeURIComponent(this.id())}` : undefined));
  readonly value = computed(() => (this.couple.hasValue() ? this.couple.value() : null));
  readonly partners = computed(() => this.value()?.partners ?? []);

  replace(couple: Couple): void {
    this.couple.set(couple);
  }

  reload(): void {
    this.couple.reload();
  }
}
