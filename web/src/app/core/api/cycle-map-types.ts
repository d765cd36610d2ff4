import { Schemas } from './api-types';

/* Generated from api/Features/CycleMaps (see api-types.ts). */

export type CycleMap = Schemas['CycleMapDto'];
export type CycleMapVersion = Schemas['CycleMapVersionDto'];
export type SaveCycleMapRequest = Schemas['SaveCycleMapCommand'];
export type PortalCycleMap = Schemas['PortalCycleMapDto'];

/** The API checks moves against its own list (CycleMoves) and sends them as strings. */
export type CycleMove = 'criticise' | 'chase' | 'protest' | 'demand' | 'shut_down' | 'leave' | 'placate' | 'go_quiet';

export const PURSUE_MOVES: readonly CycleMove[] = ['criticise', 'chase', 'protest', 'demand'];
export const WITHDRAW_MOVES: readonly CycleMove[] = ['shut_down', 'leave', 'placate', 'go_quiet'];

export const MOVE_LABELS: Record<CycleMove, string> = {
  criticise: 'Criticise',
  chase: 'Chase',
  protest: 'Protest',
  demand: 'Demand',
  shut_down: 'Shut down',
  leave: 'Leave',
  placate: 'Placate',
  go_quiet: 'Go quiet',
};

export function moveLabel(move: string): string {
  return (MOVE_LABELS as Record<string, string>)[move] ?? move;
}

/** A side's surface moves in words: the shared vocabulary first, then what they do in their own words. */
export function movesText(side: { moves: readonly string[]; moveInOwnWords: string }): string {
  const words = side.moves.map(moveLabel);
  if (side.moveInOwnWords.trim()) words.push(side.moveInOwnWords.trim());
  return words.join(', ');
}
