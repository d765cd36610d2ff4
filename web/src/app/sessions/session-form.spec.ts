import { TestBed } from '@angular/core/testing';
import { FormBuilder } from '@angular/forms';
import { Couple, Session } from '../core/api/api-types';
import { buildSessionForm, patchSessionForm, stepsOfStage, toSessionBody } from './session-form';
import { session as fixture } from './session-fixture';

const couple: Pick<Couple, 'partners'> = {
  partners: [
    { id: 'pb', label: 'partner_b', firstName: 'Sam', lastName: 'Reed', pronouns: 'she/her', email: 's@x.y', portalStatus: 'none', version: 1, pendingEmail: null },
    { id: 'pa', label: 'partner_a', firstName: 'Alex', lastName: 'Reed', pronouns: 'he/him', email: 'a@x.y', portalStatus: 'none', version: 1, pendingEmail: null },
  ],
};

describe('session form', () => {
  const build = () => buildSessionForm(TestBed.inject(FormBuilder), couple);

  it('offers only the steps of each stage', () => {
    expect(stepsOfStage(1)).toEqual([1, 2, 3, 4]);
    expect(stepsOfStage(2)).toEqual([5, 6, 7]);
    expect(stepsOfStage(3)).toEqual([8, 9]);
    expect(stepsOfStage(null)).toEqual([]);
  });

  it.each([
    [1, 1, true],
    [1, 4, true],
    [1, 5, false],
    [2, 4, false],
    [2, 5, true],
    [2, 7, true],
    [3, 7, false],
    [3, 9, true],
  ])('stage %i with step %i is valid: %s', (stage, step, valid) => {
    const form = build();
    form.controls.eftStage.setValue(stage, { emitEvent: false });
    form.controls.eftStep.setValue(step);
    expect(form.controls.eftStep.valid).toBe(valid);
    if (!valid) expect(form.controls.eftStep.hasError('stepOutsideStage')).toBe(true);
  });

  it('clears a step that the new stage does not cover, so it must be chosen again', () => {
    const form = build();
    form.controls.eftStage.setValue(1);
    form.controls.eftStep.setValue(3);
    form.controls.eftStage.setValue(2);
    expect(form.controls.eftStep.value).toBeNull();
    expect(form.controls.eftStep.hasError('required')).toBe(true);
    form.controls.eftStep.setValue(6);
    expect(form.valid).toBe(false); // start time and repair time still missing
    form.controls.startTime.setValue('17:00');
    expect(form.valid).toBe(false);
    expect(form.controls.cycle.controls.repairMinutes.hasError('required')).toBe(true);
    form.controls.cycle.controls.repairMinutes.setValue(0);
    expect(form.valid).toBe(true);
  });

  it('keeps intensities within 0–10 and requires the basics', () => {
    const form = build();
    const intensity = form.controls.cycle.controls.partners.at(0).controls.intensity;
    intensity.setValue(11);
    expect(intensity.hasError('max')).toBe(true);
    form.controls.cycle.controls.peakIntensity.setValue(-1);
    expect(form.controls.cycle.controls.peakIntensity.hasError('min')).toBe(true);
    expect(form.controls.startTime.hasError('required')).toBe(true);
  });

  it('orders partners A then B and turns markers into the API array', () => {
    const form = build();
    form.patchValue({
      startTime: '17:00',
      eftStage: 1,
      eftStep: 2,
      cycle: {
        partners: [
          { partnerId: 'pa', position: 'pursue', intensity: 7 },
          { partnerId: 'pb', position: 'withdraw', intensity: 6 },
        ],
        triggers: ['chores', 'phone'],
        markers: { cycleNamedByCouple: true, repairAttempt: false, blamerSoftening: true },
      },
    });
    const body = toSessionBody(form);
    expect(body.cycle?.partners?.map((p) => p.partnerId)).toEqual(['pa', 'pb']);
    expect(body.cycle?.markers).toEqual(['cycleNamedByCouple', 'blamerSoftening']);
    expect(body.cycle?.triggers).toEqual(['chores', 'phone']);
    expect(body).toMatchObject({ startTime: '17:00', eftStage: 1, eftStep: 2, durationMinutes: 50, format: 'in_person' });
  });

  it('loads a session stored without a cycle record, keeping the cycle unrated', () => {
    const form = build();
    const stored: Session = {
    appointmentId: null,
      id: 's1',
      coupleId: 'c1',
      date: '2026-11-09',
      startTime: '17:00',
      durationMinutes: 50,
      format: 'video',
      attendance: 'both',
      eftStage: 1,
      eftStep: 3,
      note: 'Met online.',
      cycle: null,
      signedAt: null,
      signedByName: null,
      version: 4,
      amendments: [],
      cycleCorrectedAt: null,
      coSignature: null,
      discussInSupervision: false,
      tangoMoves: [],
      excerptCandidates: [],
    };

    patchSessionForm(form, stored);

    expect(form.getRawValue()).toMatchObject({ format: 'video', eftStep: 3, note: 'Met online.' });
    expect(form.controls.cycle.getRawValue().partners.map((p) => p.position)).toEqual(['not_observed', 'not_observed']);
    expect(form.pristine).toBe(true);
  });

  it('sends the ticked Tango moves in the Tango\'s order with their notes, and none unticked', () => {
    const form = build();
    form.controls.tangoMoves.controls.processing_the_encounter.setValue({ used: true, note: ' Asked Sam how it felt. ' });
    form.controls.tangoMoves.controls.mirroring_present_process.setValue({ used: true, note: '' });
    form.controls.tangoMoves.controls.integrating_and_validating.setValue({ used: false, note: 'left over' });

    expect(toSessionBody(form).tangoMoves).toEqual([
      { move: 'mirroring_present_process', note: '' },
      { move: 'processing_the_encounter', note: 'Asked Sam how it felt.' },
    ]);
  });

  it('ticks the stored moves and keeps the excerpt candidates it does not edit', () => {
    const form = build();
    const excerpt = { stage: 2, startsAt: '12:30', endsAt: '17:05', note: 'Zoom cloud' };
    const stored: Session = {
      ...fixture,
      tangoMoves: [{ move: 'affect_assembly_and_deepening', note: 'Slowed down' }],
      excerptCandidates: [excerpt],
    };

    patchSessionForm(form, stored);

    expect(form.controls.tangoMoves.controls.affect_assembly_and_deepening.getRawValue()).toEqual({ used: true, note: 'Slowed down' });
    expect(form.controls.tangoMoves.controls.mirroring_present_process.controls.used.value).toBe(false);
    expect(toSessionBody(form).excerptCandidates).toEqual([excerpt]);
  });
});
