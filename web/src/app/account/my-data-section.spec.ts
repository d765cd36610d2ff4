import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MyDataSection } from './my-data-section';

describe('MyDataSection', () => {
  it('fetches the ZIP with the token and hands it to the browser under the name the API gives', async () => {
    TestBed.configureTestingModule({ imports: [MyDataSection], providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(MyDataSection);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });

    element.querySelector('button')!.click();
    const request = backend.expectOne('/api/portal/my-data');
    expect(request.request.responseType).toBe('blob');
    request.flush(new Blob(['zip']), { headers: { 'Content-Disposition': 'attachment; filename=my-data-2026-12-07.zip' } });
    await fixture.whenStable();
    fixture.detectChanges();

    expect(clicked).toEqual(['my-data-2026-12-07.zip']);
    expect(element.querySelector('[role=status]')?.textContent).toContain('Your copy was downloaded.');
    click.mockRestore();
  });

  it('says why when the copy cannot be made (too many in an hour)', async () => {
    TestBed.configureTestingModule({ imports: [MyDataSection], providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(MyDataSection);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;

    element.querySelector('button')!.click();
    backend.expectOne('/api/portal/my-data').flush(
      new Blob([JSON.stringify({ title: 'Too many attempts', status: 429, detail: 'Too many requests of this kind. Wait a minute and try again.' })],
        { type: 'application/problem+json' }),
      { status: 429, statusText: 'Too Many Requests' },
    );
    await fixture.whenStable();
    fixture.detectChanges();
    expect(element.querySelector('[role=status]')?.textContent).toContain('Could not prepare your copy');
  });
});
