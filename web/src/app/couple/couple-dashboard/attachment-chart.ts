import { AttachmentQuadrant } from '../../core/api/assessment-types';
import { AttachmentPoint, CoupleDashboard } from '../../core/api/dashboard-types';
import { ChartModel, ChartTable, LegendEntry } from '../../shared/chart/chart-table';
import { itemTooltip, longDate, NEUTRAL, partnerColour, partnerName, shortDate, signed } from './chart-format';

export const QUADRANT_LABELS: Record<AttachmentQuadrant, string> = {
  secure: 'Secure',
  preoccupied: 'Preoccupied',
  dismissing: 'Dismissing',
  fearful: 'Fearful',
};

/** Corners of the plane, away from the data in the middle: avoidance x, anxiety y. */
const QUADRANT_CORNERS: { quadrant: AttachmentQuadrant; at: [number, number]; align: 'left' | 'right' }[] = [
  { quadrant: 'preoccupied', at: [1.1, 6.8], align: 'left' },
  { quadrant: 'fearful', at: [6.9, 6.8], align: 'right' },
  { quadrant: 'secure', at: [1.1, 1.2], align: 'left' },
  { quadrant: 'dismissing', at: [6.9, 1.2], align: 'right' },
];

export const NOISE_LABEL = 'within measurement noise';

export interface AttachmentMove {
  partnerId: string;
  from: AttachmentPoint;
  to: AttachmentPoint;
  reliable: boolean;
}

/** Each partner's assessments joined in time order; a move counts as reliable only when the API says a change is. */
export function attachmentMoves(points: AttachmentPoint[]): AttachmentMove[] {
  const byPartner = new Map<string, AttachmentPoint[]>();
  for (const p of [...points].sort((a, b) => a.administeredOn.localeCompare(b.administeredOn)))
    byPartner.set(p.partnerId, [...(byPartner.get(p.partnerId) ?? []), p]);
  return [...byPartner].flatMap(([partnerId, series]) =>
    series.slice(1).map((to, i) => ({ partnerId, from: series[i], to, reliable: to.reliableMove })),
  );
}

function changeText(p: AttachmentPoint): string {
  if (p.change.length === 0) return 'First assessment';
  return p.change.map((c) => `${c.subscale} ${signed(c.change)}${c.rci === null ? '' : ` (RCI ${c.rci})`}: ${c.reading}`).join('; ');
}

function table(d: CoupleDashboard): ChartTable {
  return {
    caption: 'Attachment assessments (ECR-RS), each partner in time order',
    columns: ['Partner', 'Date', 'Source', 'Avoidance (1–7)', 'Anxiety (1–7)', 'Quadrant (convention)', 'Change from previous'],
    rows: d.partners.flatMap((partner) =>
      d.attachment
        .filter((p) => p.partnerId === partner.id)
        .map((p) => [
          partnerName(d.partners, partner.id),
          longDate(p.administeredOn),
          p.source === 'portal' ? 'Portal' : 'Therapist',
          p.avoidance,
          p.anxiety,
          p.quadrant ? QUADRANT_LABELS[p.quadrant] : '—',
          changeText(p),
        ]),
    ),
  };
}

function summary(d: CoupleDashboard, moves: AttachmentMove[]): string {
  const people = d.partners
    .map((partner) => {
      const points = d.attachment.filter((p) => p.partnerId === partner.id);
      if (points.length === 0) return `${partnerName(d.partners, partner.id)} not assessed`;
      const last = points[points.length - 1];
      const reliable = moves.filter((m) => m.partnerId === partner.id && m.reliable).length;
      const moved = points.length > 1 ? `, ${reliable} of ${points.length - 1} moves reliable` : '';
      return `${partnerName(d.partners, partner.id)}: ${points.length} assessments, latest avoidance ${last.avoidance}, anxiety ${last.anxiety}${moved}`;
    })
    .join('; ');
  return `Attachment plane, avoidance by anxiety from 1 to 7. ${people}.`;
}

/** Where a point's date goes so the path through it does not run across the text: "top" if a neighbouring move is mostly sideways. */
export function labelSide(points: AttachmentPoint[], index: number): 'top' | 'right' {
  const here = points[index];
  const sideways = [points[index - 1], points[index + 1]]
    .filter((n): n is AttachmentPoint => !!n)
    .some((n) => Math.abs(n.avoidance - here.avoidance) > Math.abs(n.anxiety - here.anxiety));
  return sideways ? 'top' : 'right';
}

/** Avoidance × anxiety, midlines at 4, each partner's path with reliable moves drawn apart from noise. */
export function attachmentChart(d: CoupleDashboard): ChartModel {
  const moves = attachmentMoves(d.attachment);
  const axis = (name: string) => ({ type: 'value', min: 1, max: 7, interval: 1, name, nameLocation: 'middle', nameGap: 28 });
  const option = {
    animation: false,
    tooltip: itemTooltip,
    // The key is HTML beside the chart (`legend` below).
    legend: { show: false },
    grid: { left: 56, right: 24, top: 24, bottom: 48 },
    xAxis: axis('Avoidance'),
    yAxis: axis('Anxiety'),
    series: [
      {
        type: 'scatter',
        name: 'Quadrants (convention)',
        symbolSize: 0,
        silent: true,
        data: QUADRANT_CORNERS.map((c) => ({
          value: c.at,
          name: `${QUADRANT_LABELS[c.quadrant]} (convention)`,
          label: { show: true, formatter: '{b}', align: c.align, color: NEUTRAL, fontSize: 11 },
        })),
        markLine: {
          silent: true,
          symbol: 'none',
          label: { show: false },
          lineStyle: { color: '#9e9e9e', type: 'solid', width: 1 },
          data: [{ xAxis: 4 }, { yAxis: 4 }],
        },
      },
      ...d.partners.map((partner, i) => ({
        type: 'scatter',
        name: partnerName(d.partners, partner.id),
        // Shape tells the partners apart as well as colour.
        symbol: i === 0 ? 'circle' : 'rect',
        symbolSize: 12,
        color: partnerColour(d.partners, partner.id),
        z: 3,
        label: { show: true, position: 'right', formatter: '{b}', fontSize: 10 },
        // Two assessments close together: the second date moves clear of the first, or is left to the tooltip
        // and the table rather than written over it.
        labelLayout: { moveOverlap: 'shiftY', hideOverlap: true },
        data: d.attachment
          .filter((p) => p.partnerId === partner.id)
          .map((p, index, points) => ({
            value: [p.avoidance, p.anxiety],
            name: shortDate(p.administeredOn),
            // The date sits beside the point, away from the path: above it when the path runs sideways.
            label: { position: labelSide(points, index) },
            tip: `${partnerName(d.partners, partner.id)}, ${longDate(p.administeredOn)}\nAvoidance ${p.avoidance}, anxiety ${p.anxiety}\n${changeText(p)}`,
          })),
      })),
      {
        type: 'lines',
        name: 'Reliable move',
        coordinateSystem: 'cartesian2d',
        symbol: ['none', 'arrow'],
        symbolSize: 10,
        color: '#424242',
        z: 2,
        data: moves
          .filter((m) => m.reliable)
          .map((m) => ({
            coords: [[m.from.avoidance, m.from.anxiety], [m.to.avoidance, m.to.anxiety]],
            lineStyle: { color: partnerColour(d.partners, m.partnerId), width: 2.5, type: 'solid', opacity: 1 },
            tip: `${partnerName(d.partners, m.partnerId)}: reliable move, ${longDate(m.from.administeredOn)} to ${longDate(m.to.administeredOn)}`,
          })),
      },
      {
        type: 'lines',
        name: `Move ${NOISE_LABEL}`,
        coordinateSystem: 'cartesian2d',
        symbol: ['none', 'none'],
        color: '#9e9e9e',
        z: 2,
        data: moves
          .filter((m) => !m.reliable)
          .map((m) => ({
            coords: [[m.from.avoidance, m.from.anxiety], [m.to.avoidance, m.to.anxiety]],
            lineStyle: { color: '#9e9e9e', width: 1.5, type: 'dashed', opacity: 1 },
            tip: `${partnerName(d.partners, m.partnerId)}: ${longDate(m.from.administeredOn)} to ${longDate(m.to.administeredOn)}, ${NOISE_LABEL}`,
          })),
      },
    ],
  };
  const legend: LegendEntry[] = [
    ...d.partners.map((p, i) => ({ mark: (i === 0 ? 'circle' : 'square') as LegendEntry['mark'], colour: partnerColour(d.partners, p.id), label: partnerName(d.partners, p.id) })),
    { mark: 'arrow', colour: '#424242', label: 'Reliable move' },
    { mark: 'dashed-arrow', colour: '#9e9e9e', label: `Move ${NOISE_LABEL}` },
  ];
  return { option, label: summary(d, moves), tables: [table(d)], legend };
}
