import { AttachmentQuadrant } from '../core/api/assessment-types';

/** Bartholomew's four categories, worded as soft labels. */
export const QUADRANT_LABELS: Record<AttachmentQuadrant, string> = {
  secure: 'Secure',
  preoccupied: 'Preoccupied',
  dismissing: 'Dismissing',
  fearful: 'Fearful',
};
