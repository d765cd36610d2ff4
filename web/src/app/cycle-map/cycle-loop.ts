import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { movesText } from '../core/api/cycle-map-types';

/** One partner's side as the loop draws it. */
export interface LoopSide {
  name: string;
  /** In the portal: this side is the reader's own ("you need" rather than "they need"). */
  isMe?: boolean;
  trigger: string;
  moves: readonly string[];
  moveInOwnWords: string;
  feeling: string;
  fear: string;
  need: string;
}

/**
 * The negative cycle drawn as the loop it is: each partner's surface move sets off the other's,
 * and underneath each move sit a feeling, a fear and a need. Text, not a picture, so it reads on
 * a 320 px phone, prints, and a screen reader follows it in order; on a wide screen the two sides
 * face each other with the arrows between them.
 */
@Component({
  selector: 'app-cycle-loop',
  imports: [NgTemplateOutlet],
  templateUrl: './cycle-loop.html',
  styleUrl: './cycle-loop.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CycleLoop {
  readonly sides = input.required<readonly LoopSide[]>();
  readonly exit = input('');

  protected readonly first = computed(() => this.sides()[0]);
  protected readonly second = computed(() => this.sides()[1]);
  protected readonly movesText = movesText;

  protected who(side: LoopSide): string {
    return side.name;
  }
}
