import { Instrument, Scores, SubscaleDefinition } from '../core/api/assessment-types';

/** A subscale score as the instrument reports it: sums are whole numbers, means keep two decimals. */
export function formatScore(instrument: Instrument | undefined, value: number): string {
  return instrument?.scoring === 'sum' ? String(Math.round(value)) : value.toFixed(2);
}

export function rangeText(subscale: SubscaleDefinition | undefined): string {
  return subscale?.range ? `of ${subscale.range.min}–${subscale.range.max}` : '';
}

/**
 * Where a score sits against the subscale's cut-off, in words ("below 13.5: notable relationship dissatisfaction").
 * Which side it is on is the API's verdict (`clinical` on the assessment, by the version it was scored with); this only words it.
 */
export function cutOffText(subscale: SubscaleDefinition | undefined, clinical: boolean | undefined): string | null {
  const cut = subscale?.cutOff;
  if (!cut || clinical === undefined) return null;
  return clinical ? cut.label : cut.clinicalSide === 'below' ? `At or above the ${cut.value} cut-off` : `Below the ${cut.value} cut-off`;
}

/** Each reported score with its subscale, in the instrument's order. */
export function scoreRows(instrument: Instrument | undefined, scores: Scores): { code: string; subscale?: SubscaleDefinition; value: number }[] {
  const order = instrument?.subscales.map((s) => s.code) ?? Object.keys(scores);
  return order
    .filter((code) => code in scores)
    .map((code) => ({ code, subscale: instrument?.subscales.find((s) => s.code === code), value: scores[code] }));
}

/** The newest version of each instrument code, by code. */
export function latestByCode(instruments: Instrument[]): Map<string, Instrument> {
  const map = new Map<string, Instrument>();
  for (const i of instruments) if ((map.get(i.code)?.version ?? 0) < i.version) map.set(i.code, i);
  return map;
}
