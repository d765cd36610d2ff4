import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Session } from '../core/api/api-types';
import { DiscussToggle } from './discuss-toggle';
import { awaiting } from './supervision-fixture';

describe('DiscussToggle', () => {
  it('marks the session to discuss in supervision and hands back the saved session', async () => {
    TestBed.configureTestingModule({ imports: [DiscussToggle], providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(DiscussToggle);
    fixture.componentRef.setInput('session', awaiting);
    let emitted: Session | undefined;
    fixture.componentInstance.changed.subscribe((s) => (emitted = s));
    fixture.detectChanges();
    const element: HTMLElement = fixture.nativeElement;

    (element.querySelector('button') as HTMLButtonElement).click();
    const request = backend.expectOne('/api/sessions/s1/discuss-in-supervision');
    expect(request.request.body).toEqual({ discuss: true });
    request.flush({ ...awaiting, discussInSupervision: true });
    await new Promise((resolve) => setTimeout(resolve));
    fixture.componentRef.setInput('session', emitted!);
    fixture.detectChanges();

    expect(emitted?.discussInSupervision).toBe(true);
    expect(element.textContent).toContain('Marked to discuss in supervision.');
    expect(element.textContent).toContain('Your supervisor will see it in their queue.');
    backend.verify();
  });
});
