import { HttpClient, HttpHeaders, httpResource } from '@angular/common/http';
import { afterNextRender, ChangeDetectionStrategy, Component, computed, ElementRef, inject, Injector, signal, viewChild } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { POLICY_EXPLANATIONS, POLICY_LABELS } from '../core/api/agreement-types';
import { Schemas } from '../core/api/api-types';
import { appointmentWhen } from '../core/api/appointments-api';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { applyServerErrors, describeError, problemOf } from '../core/api/problem-details';
import { ConfirmDialog } from '../shared/ui/confirm-dialog';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';
import { WhenPipe } from '../shared/ui/when';

export type WaitlistEntry = Schemas['WaitlistEntryDto'];
type DayOfWeek = Schemas['DayOfWeek'];
type DayPart = Schemas['DayPart'];
type Urgency = Schemas['WaitlistUrgency'];

export const DAYS: { value: DayOfWeek; label: string }[] = [
  { value: 'monday', label: 'Monday' }, { value: 'tuesday', label: 'Tuesday' }, { value: 'wednesday', label: 'Wednesday' },
  { value: 'thursday', label: 'Thursday' }, { value: 'friday', label: 'Friday' }, { value: 'saturday', label: 'Saturday' },
  { value: 'sunday', label: 'Sunday' },
];
export const PARTS: { value: DayPart; label: string }[] = [
  { value: 'morning', label: 'Mornings' }, { value: 'afternoon', label: 'Afternoons' }, { value: 'evening', label: 'Evenings' },
];
export const URGENCY: Record<Urgency, string> = { routine: 'Routine', soon: 'Soon', urgent: 'Urgent' };

/** "Tuesdays and Thursdays, evenings" from an entry's preferences; "" when they gave none. */
export function preferenceWords(entry: Pick<WaitlistEntry, 'preferredDays' | 'preferredTimes'>): string {
  const days = entry.preferredDays.map((d) => DAYS.find((x) => x.value === d)?.label ?? d);
  const parts = entry.preferredTimes.map((p) => PARTS.find((x) => x.value === p)?.label.toLowerCase() ?? p);
  return [days.join(', '), parts.join(', ')].filter(Boolean).join('; ');
}

function contactGroup() {
  return new FormGroup({
    firstName: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    lastName: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    phone: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(40)] }),
  });
}

/**
 * `/waitlist`: the therapist's couples waiting to start (DESIGN §16) — longest wait first, with how to reach them, when
 * they could come and how urgent it is; add a couple (contact and preferences only, a few words of reason, never
 * clinical detail), edit an entry (with the version read), offer a first time (both partners get a single-use link by
 * email; the offer says the session length and late-cancellation window they book under, and may name the
 * confidentiality policy intake starts with), or take an entry off the list.
 */
@Component({
  selector: 'app-waitlist-page',
  imports: [ReactiveFormsModule, RouterLink, DescribeErrorPipe, WhenPipe, MatButtonModule, MatFormFieldModule, MatInputModule,
    MatSelectModule, FieldError, FormMessages],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Waitlist</h1>
    <p><a routerLink="/caseload">Back to the caseload</a></p>
    <div role="status" aria-live="polite" class="status">{{ status() }}</div>

    @if (entries.error(); as error) {
      <p role="alert">Could not load the waitlist: {{ error | describeError }}</p>
    } @else if (entries.hasValue()) {
      @if (!entries.value().length) {
        <p class="empty">Nobody is waiting.</p>
      }
      <ul class="entries">
        @for (e of entries.value(); track e.id) {
          <li>
            <h2>{{ e.partnerA.firstName }} {{ e.partnerA.lastName }} &amp; {{ e.partnerB.firstName }} {{ e.partnerB.lastName }}</h2>
            <p class="meta">
              {{ urgency[e.urgency] }} · waiting {{ e.waitingDays }} day{{ e.waitingDays === 1 ? '' : 's' }} (since {{ e.addedAt | when }})
            </p>
            <p>{{ e.partnerA.email }}{{ e.partnerA.phone ? ', ' + e.partnerA.phone : '' }} · {{ e.partnerB.email }}{{ e.partnerB.phone ? ', ' + e.partnerB.phone : '' }}</p>
            @if (preferences(e); as p) { <p>Prefers {{ p }}</p> }
            @if (e.reason) { <p>Reason: {{ e.reason }}</p> }
            @if (e.heardFrom) { <p>Heard from: {{ e.heardFrom }}</p> }
            @if (e.notes) { <p class="notes">{{ e.notes }}</p> }
            @if (e.offer; as o) {
              <p class="offer">
                Offered {{ when(o.startsAt) }} —
                {{ o.state === 'valid' ? 'the link works until ' : 'the link ' + (o.state === 'expired' ? 'expired ' : 'ended ') }}{{ o.expiresAt | when: 'dateTime' }}
              </p>
            }
            <form class="offer-form" (submit)="$event.preventDefault(); offer(e, offerTime.value, policy.value)">
              <mat-form-field>
                <mat-label>First appointment ({{ zoneWords() }})</mat-label>
                <input matInput #offerTime type="datetime-local" [attr.aria-describedby]="'offer-help-' + e.id" required />
              </mat-form-field>
              <mat-form-field>
                <mat-label>Confidentiality policy for intake (optional)</mat-label>
                <mat-select #policy [value]="null">
                  <mat-option [value]="null">Choose later</mat-option>
                  @for (p of policies; track p) { <mat-option [value]="p">{{ policyLabels[p] }}</mat-option> }
                </mat-select>
              </mat-form-field>
              @if (policy.value) { <p class="meta">{{ explain(policy.value) }}</p> }
              <p class="meta" [id]="'offer-help-' + e.id">Both partners get a link that works once, for 48 hours.{{ bookingTerms() }}</p>
              <div class="actions">
                <button mat-flat-button type="submit" [disabled]="busy()">{{ e.offer ? 'Offer another time' : 'Offer this time' }}</button>
                <button mat-stroked-button type="button" [disabled]="busy()" (click)="edit(e)"
                  [attr.aria-label]="'Edit ' + e.partnerA.firstName + ' & ' + e.partnerB.firstName">Edit</button>
                <button mat-stroked-button type="button" [disabled]="busy()" (click)="remove(e)">Remove from the list</button>
              </div>
            </form>
          </li>
        }
      </ul>
    } @else {
      <p role="status">Loading…</p>
    }

    <section aria-labelledby="add-heading">
      <h2 id="add-heading" tabindex="-1" #formHeading>
        @if (editing(); as e) { Edit {{ e.partnerA.firstName }} {{ e.partnerA.lastName }} &amp; {{ e.partnerB.firstName }} {{ e.partnerB.lastName }} } @else { Add a couple }
      </h2>
      <p class="meta">Contact details and preferences only: a few words of reason, never clinical detail.</p>
      <app-form-messages [messages]="errors()" [heading]="editing() ? 'The changes were not saved' : 'The couple was not added'" />
      <form [formGroup]="form" (ngSubmit)="add()" novalidate class="add-form">
        @for (partner of partners; track partner.key) {
          <fieldset [formGroupName]="partner.key">
            <legend>{{ partner.legend }}</legend>
            <mat-form-field>
              <mat-label>First name</mat-label>
              <input matInput formControlName="firstName" required autocomplete="off" />
              <mat-error><app-field-error [control]="form.controls[partner.key].controls.firstName" label="First name" /></mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Last name</mat-label>
              <input matInput formControlName="lastName" required autocomplete="off" />
              <mat-error><app-field-error [control]="form.controls[partner.key].controls.lastName" label="Last name" /></mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Email</mat-label>
              <input matInput type="email" formControlName="email" required autocomplete="off" />
              <mat-error><app-field-error [control]="form.controls[partner.key].controls.email" label="Email" /></mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Phone (optional)</mat-label>
              <input matInput type="tel" formControlName="phone" autocomplete="off" />
              <mat-error><app-field-error [control]="form.controls[partner.key].controls.phone" label="Phone" /></mat-error>
            </mat-form-field>
          </fieldset>
        }
        <mat-form-field>
          <mat-label>Days that suit them</mat-label>
          <mat-select formControlName="preferredDays" multiple>
            @for (d of days; track d.value) { <mat-option [value]="d.value">{{ d.label }}</mat-option> }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Times that suit them</mat-label>
          <mat-select formControlName="preferredTimes" multiple>
            @for (p of parts; track p.value) { <mat-option [value]="p.value">{{ p.label }}</mat-option> }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Urgency</mat-label>
          <mat-select formControlName="urgency">
            <mat-option value="routine">Routine</mat-option>
            <mat-option value="soon">Soon</mat-option>
            <mat-option value="urgent">Urgent</mat-option>
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>How they heard of us</mat-label>
          <input matInput formControlName="heardFrom" />
          <mat-error><app-field-error [control]="form.controls.heardFrom" label="How they heard" /></mat-error>
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>Reason, in a few words</mat-label>
          <input matInput formControlName="reason" maxlength="200" />
          <mat-error><app-field-error [control]="form.controls.reason" label="Reason" /></mat-error>
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>Notes</mat-label>
          <textarea matInput formControlName="notes" rows="2"></textarea>
          <mat-error><app-field-error [control]="form.controls.notes" label="Notes" /></mat-error>
        </mat-form-field>
        <div class="wide">
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="busy()">{{ editing() ? 'Save changes' : 'Add to the waitlist' }}</button>
            @if (editing()) { <button mat-button type="button" (click)="stopEditing()">Cancel editing</button> }
          </div>
        </div>
      </form>
    </section>
  `,
  styles: `
    :host { display: block; max-width: 60rem; }
    .entries { list-style: none; padding: 0; margin: 0 0 var(--space-4, 1rem); }
    .entries li { border: 1px solid var(--mat-sys-outline-variant); border-radius: 8px; padding: 0.5rem 1rem; margin: 0 0 0.75rem; overflow-wrap: anywhere; }
    .entries h2 { font-size: 1.125rem; margin: 0.25rem 0; }
    .entries p { margin: 0.25rem 0; }
    .meta { font-size: 0.875rem; color: var(--mat-sys-on-surface-variant); }
    .notes { white-space: pre-wrap; }
    .offer { font-weight: 500; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    .add-form { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr)); gap: 0 1rem; }
    .add-form .wide, .add-form fieldset { grid-column: 1 / -1; }
    fieldset { border: 1px solid var(--mat-sys-outline-variant); border-radius: 8px; display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr)); gap: 0 1rem; min-width: 0; }
    .status:empty { display: none; }
    button { min-height: 44px; }
  `,
})
export class WaitlistPage {
  private readonly http = inject(HttpClient);
  protected readonly entries = httpResource<WaitlistEntry[]>(() => '/api/waitlist');
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  private readonly formHeading = viewChild<ElementRef<HTMLElement>>('formHeading');
  private readonly availability = httpResource<Schemas['AvailabilityDto']>(() => '/api/me/availability');
  protected readonly days = DAYS;
  protected readonly parts = PARTS;
  protected readonly urgency = URGENCY;
  protected readonly partners = [
    { key: 'partnerA' as const, legend: 'First partner' },
    { key: 'partnerB' as const, legend: 'Second partner' },
  ];
  protected readonly form = new FormGroup({
    partnerA: contactGroup(),
    partnerB: contactGroup(),
    preferredDays: new FormControl<DayOfWeek[]>([], { nonNullable: true }),
    preferredTimes: new FormControl<DayPart[]>([], { nonNullable: true }),
    urgency: new FormControl<Urgency>('routine', { nonNullable: true }),
    heardFrom: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(200)] }),
    reason: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(200)] }),
    notes: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(2000)] }),
  });
  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);
  protected readonly status = signal('');
  private key = crypto.randomUUID();
  protected readonly when = appointmentWhen;
  protected readonly preferences = preferenceWords;
  protected readonly policies = Object.keys(POLICY_LABELS) as Schemas['ConfidentialityPolicy'][];
  protected readonly policyLabels = POLICY_LABELS;

  protected explain(policy: Schemas['ConfidentialityPolicy']): string {
    return POLICY_EXPLANATIONS[policy];
  }
  /** The entry being edited in the form below the list; null while it adds a couple. */
  protected readonly editing = signal<WaitlistEntry | null>(null);
  /** What the couple books under, from the therapist's working hours: the joint session's length, the late-cancellation window. */
  protected readonly bookingTerms = computed(() => {
    const a = this.availability.hasValue() ? this.availability.value() : null;
    if (a?.jointMinutes == null || a.cancellationWindowHours == null) return '';
    const late = a.cancellationWindowHours ? ` Cancelling within ${a.cancellationWindowHours} hours of it counts as a late cancellation.` : '';
    return ` The first session is a ${a.jointMinutes}-minute joint session.${late}`;
  });

  protected edit(entry: WaitlistEntry): void {
    const contact = (c: WaitlistEntry['partnerA']) => ({ ...c, phone: c.phone ?? '' });
    this.form.reset();
    this.form.patchValue({
      partnerA: contact(entry.partnerA), partnerB: contact(entry.partnerB), preferredDays: entry.preferredDays,
      preferredTimes: entry.preferredTimes, urgency: entry.urgency, heardFrom: entry.heardFrom, reason: entry.reason, notes: entry.notes,
    });
    this.errors.set([]);
    this.editing.set(entry);
    afterNextRender(() => this.formHeading()?.nativeElement.focus(), { injector: this.injector });
  }

  protected stopEditing(): void {
    this.editing.set(null);
    this.form.reset();
    this.errors.set([]);
  }

  protected zoneWords(): string {
    const zone = this.availability.hasValue() ? this.availability.value().timeZone : null;
    return zone && zone !== 'UTC' ? `${zone} time` : 'practice time';
  }

  protected async add(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.busy.set(true);
    this.errors.set([]);
    try {
      const v = this.form.getRawValue();
      const contact = (c: typeof v.partnerA) => ({ ...c, phone: c.phone.trim() || null });
      const body: Schemas['AddToWaitlistCommand'] = { ...v, partnerA: contact(v.partnerA), partnerB: contact(v.partnerB) };
      const editing = this.editing();
      if (editing) {
        await firstValueFrom(this.http.patch<WaitlistEntry>(`/api/waitlist/${encodeURIComponent(editing.id)}`,
          { ...body, version: editing.version } satisfies Schemas['UpdateWaitlistEntryCommand']));
        this.editing.set(null);
        this.form.reset();
        this.status.set('Changes saved.');
        this.entries.reload();
        return;
      }
      await firstValueFrom(this.http.post<WaitlistEntry>('/api/waitlist', body, { headers: new HttpHeaders({ 'Idempotency-Key': this.key }) }));
      this.key = crypto.randomUUID();
      this.form.reset();
      this.status.set('Added to the waitlist.');
      this.entries.reload();
    } catch (error) {
      this.errors.set(applyServerErrors(error, this.form).formMessages);
    } finally {
      this.busy.set(false);
    }
  }

  protected async offer(entry: WaitlistEntry, localTime: string, policy: Schemas['ConfidentialityPolicy'] | null = null): Promise<void> {
    if (!localTime) {
      this.status.set('Choose the date and time to offer first.');
      return;
    }
    const startsAt = localTime.length === 16 ? `${localTime}:00` : localTime;
    const send = (confirmOverlap: boolean) => firstValueFrom(this.http.post<WaitlistEntry>(`/api/waitlist/${encodeURIComponent(entry.id)}/offer`,
      { startsAt, policy, confirmOverlap } satisfies Partial<Schemas['OfferWaitlistTimeCommand']>));
    await this.write(async () => {
      let offered: WaitlistEntry;
      try {
        offered = await send(false);
      } catch (error) {
        // An offer overlapping one of my appointments is asked about, as booking one is.
        if (problemOf(error)?.['requiresOverlapConfirmation'] !== true) throw error;
        const sure = await ConfirmDialog.ask(this.dialog, {
          title: 'This time overlaps another of your appointments. Offer it anyway?',
          paragraphs: [String(problemOf(error)?.detail ?? '')].filter(Boolean), confirm: 'Offer it anyway', cancel: 'Do not offer',
        });
        if (!sure) {
          this.status.set('Not offered: the time overlaps another appointment.');
          return;
        }
        offered = await send(true);
      }
      this.status.set(`Offered ${this.when(offered.offer!.startsAt)}: both partners have the link by email.`);
    });
  }

  protected async remove(entry: WaitlistEntry): Promise<void> {
    await this.write(async () => {
      await firstValueFrom(this.http.patch<WaitlistEntry>(`/api/waitlist/${encodeURIComponent(entry.id)}`,
        { version: entry.version, status: 'removed' } satisfies Partial<Schemas['UpdateWaitlistEntryCommand']>));
      this.status.set('Removed from the waitlist.');
    });
  }

  private async write(action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    try {
      await action();
    } catch (error) {
      this.status.set(describeError(error));
    } finally {
      this.busy.set(false);
      this.entries.reload();
    }
  }
}
