import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PortalShell } from './portal-shell';
import { QuickExit } from './quick-exit';

describe('PortalShell leave-this-page control', () => {
  it('is a visible native button first in the page that leaves in one activation', async () => {
    const leave = vi.fn();
    TestBed.configureTestingModule({
      imports: [PortalShell],
      providers: [provideRouter([]), { provide: QuickExit, useValue: { leave } }],
    });
    const fixture = TestBed.createComponent(PortalShell);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const button = element.querySelector('button') as HTMLButtonElement;

    expect(button).toBe(element.querySelector('button, a, input')); // reached first by Tab
    expect(button.type).toBe('button');
    expect(button.textContent?.trim()).toBe('Leave this page');
    expect(button.hasAttribute('hidden') || button.getAttribute('aria-hidden') === 'true').toBe(false);

    button.click();
    expect(leave).toHaveBeenCalledTimes(1);
  });
});
