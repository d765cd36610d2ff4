import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PortalShell } from './portal-shell';
import { QuickExit } from './quick-exit';

describe('PortalShell leave-this-page control', () => {
  it('is a visible native button first in the page that leaves in one activation', async () => {
    const leave = vi.fn();
    TestBed.configureTestingModule({
      imports: [PortalShell],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), { provide: QuickExit, useValue: { leave } }],
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

describe('PortalShell "Need help now?"', () => {
  it('opens the practice crisis text in one tap on every portal page, and closes it again', async () => {
    TestBed.configureTestingModule({
      imports: [PortalShell],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), { provide: QuickExit, useValue: { leave: vi.fn() } }],
    });
    const fixture = TestBed.createComponent(PortalShell);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const help = Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Need help now?')!;
    expect(help.getAttribute('aria-expanded')).toBe('false');

    help.click();
    TestBed.inject(HttpTestingController).expectOne('/api/portal/crisis-resources')
      .flush({ markdown: 'Call 999', html: '<p><strong>Call 999</strong> if you are in danger.</p>' });
    await fixture.whenStable();
    await fixture.whenStable();

    expect(help.getAttribute('aria-expanded')).toBe('true');
    expect(element.querySelector('#portal-help strong')?.textContent).toBe('Call 999');
    expect(document.activeElement?.id).toBe('portal-help-heading');
    help.click();
    await fixture.whenStable();
    expect(element.querySelector('#portal-help app-crisis-resources')).toBeNull();
  });
});
