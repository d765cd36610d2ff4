import { TestBed } from '@angular/core/testing';
import { movesText } from '../core/api/cycle-map-types';
import { CycleLoop, LoopSide } from './cycle-loop';

const alex: LoopSide = {
  name: 'Alex', isMe: true, trigger: 'Sam goes quiet', moves: ['criticise', 'chase'], moveInOwnWords: 'follows from room to room',
  feeling: 'alone', fear: "I don't matter", need: 'to know you are there',
};
const sam: LoopSide = { name: 'Sam', trigger: 'a raised voice', moves: ['shut_down'], moveInOwnWords: '', feeling: 'flooded', fear: "I'm failing", need: 'to be enough' };

describe('CycleLoop', () => {
  it('names moves in words, the shared vocabulary first', () => {
    expect(movesText(alex)).toBe('Criticise, Chase, follows from room to room');
    expect(movesText({ moves: ['go_quiet', 'unknown_move'], moveInOwnWords: ' ' })).toBe('Go quiet, unknown_move');
  });

  it('reads as a loop in order: one side, what it sets off, the other side, and round again; then the exit', async () => {
    const fixture = TestBed.createComponent(CycleLoop);
    fixture.componentRef.setInput('sides', [alex, sam]);
    fixture.componentRef.setInput('exit', 'We name the chase.');
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const steps = Array.from(element.querySelectorAll('ol.steps > li')).map((li) => li.className);
    expect(steps).toEqual(['side', 'arrow forward', 'side', 'arrow back']);
    expect(element.querySelectorAll('.who')[0].textContent).toBe('Alex');
    expect(element.querySelectorAll('dt')[4].textContent).toBe('What you need');
    expect(element.querySelectorAll('.surface')[1].textContent).toContain('Shut down');
    expect(element.querySelector('.exit-text')?.textContent).toBe('We name the chase.');
    expect(element.querySelector('figcaption')?.textContent).toContain('what one side does sets off the other');
    expect(element.querySelector('.back')?.textContent).toContain('round it goes');
  });
});
