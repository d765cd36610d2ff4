import { SubscaleChange } from '../core/api/assessment-types';

/** |RCI| above this is reliable change (Jacobson & Truax, 1991; two-tailed p < .05). */
export const RELIABLE_CHANGE_THRESHOLD = 1.96;

const signed = (n: number, digits = 2) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(digits)}`;

/**
 * The plain-language reading of a subscale change. Prefers the API's sentence (it knows whether
 * the parameters are sourced); otherwise says the same from the RCI so a small move is never
 * presented as change.
 */
export function changeReading(change: SubscaleChange, construct = 'this score'): string {
  if (change.reading?.trim()) return change.reading;
  const reliable = Math.abs(change.rci) > RELIABLE_CHANGE_THRESHOLD;
  if (!reliable) return 'A change this size is within measurement noise.';
  return `This is a reliable ${change.rci > 0 ? 'increase' : 'decrease'} in ${construct} (RCI ${change.rci.toFixed(2)}).`;
}

/** "+0.50 (RCI 0.94)" — the numbers beside the reading, never an arrow. */
export function changeFigures(change: SubscaleChange): string {
  return `${signed(change.change)} (RCI ${signed(change.rci)})`;
}

/** A word, not a colour, for whether the move counts. */
export function changeVerdict(change: SubscaleChange): string {
  if (!change.reliable) return 'No reliable change';
  return change.direction === 'improved' ? 'Reliable improvement' : change.direction === 'deteriorated' ? 'Reliable deterioration' : 'Reliable change';
}
