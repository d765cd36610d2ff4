import { Guid, IsoDate } from '../../core/api/api-types';
import { DashboardPartner } from '../../core/api/dashboard-types';
import { formatWhen } from '../../shared/ui/when';

/** Partner A and B: colours that stay apart for the common colour-vision deficiencies; never the only cue. */
export const PARTNER_COLOURS = ['#1f5fa8', '#c25a00'] as const;
export const NEUTRAL = '#6b6b6b';

function parts(iso: IsoDate): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y, m, d];
}

/** A calendar day as the local-midnight timestamp ECharts' time axis uses for 'YYYY-MM-DD'. */
export function day(iso: IsoDate): number {
  const [y, m, d] = parts(iso);
  return new Date(y, m - 1, d).getTime();
}


/** "3 Nov": the app's one date rule (`shared/ui/when.ts`), for axes where the year stands nearby. */
export function shortDate(iso: IsoDate): string {
  return formatWhen(iso, 'short');
}

/**
 * A time axis's tick (a local-midnight timestamp, as `day` makes them) by the app's one rule, so the axis
 * says "1 Sept" as the labels and tables around it do, not ECharts' own "1 Sep".
 */
export function axisDay(value: number): string {
  const at = new Date(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return shortDate(`${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`);
}

/** "3 Nov 2026": the app's one date rule. */
export function longDate(iso: IsoDate): string {
  return formatWhen(iso, 'date');
}

export function partnerName(partners: DashboardPartner[], id: Guid | null): string {
  const partner = partners.find((p) => p.id === id);
  if (!partner) return 'A partner';
  return partner.firstName || (partner.label === 'partner_a' ? 'Partner A' : 'Partner B');
}

export function partnerColour(partners: DashboardPartner[], id: Guid): string {
  const index = partners.findIndex((p) => p.id === id);
  return index < 0 ? NEUTRAL : PARTNER_COLOURS[index % PARTNER_COLOURS.length];
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Item tooltips read the `tip` each data item carries (plain text, escaped here: ECharts puts
 * tooltip strings into the DOM as HTML and partner names are user input).
 */
export const itemTooltip = {
  trigger: 'item',
  formatter: (params: { data?: { tip?: string }; seriesName?: string }) =>
    escapeHtml(params.data?.tip ?? params.seriesName ?? '').replace(/\n/g, '<br>'),
};

export function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
