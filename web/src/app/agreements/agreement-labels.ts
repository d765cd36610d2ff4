import { Agreement, PartnerSignature } from '../core/api/agreement-types';

/** How one partner's answer reads in the therapist's table. */
export function signatureText(p: PartnerSignature, formatDate: (iso: string) => string): string {
  switch (p.status) {
    case 'signed':
      return p.method === 'paper'
        ? `Signed on paper ${p.paperSignedOn ? formatDate(p.paperSignedOn) : ''}`.trim()
        : `Signed ${p.signedAt ? formatDate(p.signedAt) : ''} as “${p.typedName ?? ''}”`.trim();
    case 'declined':
      return `Declined${p.declinedAt ? ' ' + formatDate(p.declinedAt) : ''}: “${p.declineReason ?? ''}”`;
    default:
      return 'Waiting';
  }
}

/** Partners who have not signed a current agreement: the ones a reminder or a paper signature is for. */
export function unsigned(agreement: Agreement): PartnerSignature[] {
  return agreement.current ? agreement.partners.filter((p) => p.status !== 'signed') : [];
}
