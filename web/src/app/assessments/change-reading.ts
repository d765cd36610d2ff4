import { SubscaleChange } from '../core/api/assessment-types';

/** |RCI| above this is reliable change (Jacobson & Truax, 1991; two-tailed p < .05). */
export const RELIABLE_CHANGE_THRESHOLD = 1.96;

const signed = (n: number, digits = 2) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(digits)}`;

/**
 * The plain-language reading of a subscale change. Prefers the API's sentence (it knows the
 * instrument's rule and whether its parameters are sourced); otherwise says the same from the
 * figures, so a small move is never presented as change and no verdict is invented.
 */
export function changeReading(change: SubscaleChange, construct = 'this score'): string {
  if (change.reading?.trim()) return change.reading;
  if (!change.verdictAvailable || change.rci === null) {
    return change.method === 'fixedThreshold'
      ? change.reliable
        ? `This is a reliable ${change.change > 0 ? 'increase' : 'decrease'} in ${construct}.`
        : 'A change this size is within measurement noise.'
      : `No reliable-change verdict for this instrument. Raw change: ${signed(change.change, 0)}.`;
  }
  const reliable = Math.abs(change.rci) > RELIABLE_CHANGE_THRESHOLD;
  if (!reliable) return 'A change this size is within measurement noise.';
  return `This is a reliable ${change.rci > 0 ? 'increase' : 'decrease'} in ${construct} (RCI ${change.rci.toFixed(2)}).`;
}

/** "+0.50 (RCI +0.94)", "+6 points (6 or more is reliable)" — the numbers beside the reading, never an arrow. */
export function changeFigures(change: SubscaleChange): string {
  if (change.method === 'fixedThreshold')
    return `${signed(change.change, 0)} points (${change.thresholdPoints ?? '?'} or more is reliable)`;
  if (change.rci === null) return `${signed(change.change, 0)} points (raw change)`;
  return `${signed(change.change)} (RCI ${signed(change.rci)})`;
}

/** A word, not a colour, for whether the move counts. */
export function changeVerdict(change: SubscaleChange): string {
  if (!change.verdictAvailable) return 'No verdict available';
  if (!change.reliable) return 'No reliable change';
  return change.direction === 'improved' ? 'Reliable improvement' : change.direction === 'deteriorated' ? 'Reliable deterioration' : 'Reliable change';
}
