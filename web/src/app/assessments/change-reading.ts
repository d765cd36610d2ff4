import { SubscaleChange } from '../core/api/assessment-types';

const signed = (n: number, digits = 2) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(digits)}`;

/**
 * The plain-language reading of a subscale change: the API's sentence, always. The API judges every change by the
 * instrument's own rule (a published threshold, an RCI, or no verdict and why) and sends the words; the web decides
 * nothing about reliability itself.
 */
export function changeReading(change: SubscaleChange): string {
  return change.reading;
}

/** "+0.50 (RCI +0.94)", "+6 points (6 or more is reliable)" — the numbers beside the reading, never an arrow. */
export function changeFigures(change: SubscaleChange): string {
  if (change.method === 'fixedThreshold')
    return `${signed(change.change, 0)} points (${change.thresholdPoints ?? '?'} or more is reliable)`;
  if (change.rci === null) return `${signed(change.change, 0)} points (raw change)`;
  return `${signed(change.change)} (RCI ${signed(change.rci)})`;
}

/** A word, not a colour, for the API's one trend of this score (ScoreTrend: the same on every screen). */
export function changeVerdict(change: SubscaleChange): string {
  switch (change.trend) {
    case 'improving':
      return 'Reliable improvement';
    case 'worsening':
      return 'Reliable deterioration';
    case 'steady':
      return 'No reliable change';
    default:
      return 'No verdict available';
  }
}
