import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { DescribeErrorPipe } from './describe-error-pipe';

/** A page's load-failure line, written the way every page now writes it. */
@Component({
  imports: [DescribeErrorPipe],
  template: `@if (error(); as e) {<p role="alert">Could not load: {{ e | describeError }}</p>}`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class LoadFailure {
  readonly error = signal<unknown>(undefined);
}

describe('DescribeErrorPipe', () => {
  it('shows in a template the same sentence describeError gives, reference included', async () => {
    const fixture = TestBed.createComponent(LoadFailure);
    fixture.componentInstance.error.set(
      new HttpErrorResponse({ status: 500, error: { title: 'Internal Server Error', status: 500, correlationId: 'abc123' } }),
    );
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent).toBe('Could not load: Internal Server Error (reference abc123)');

    fixture.componentInstance.error.set(new HttpErrorResponse({ status: 0 }));
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent).toBe(
      'Could not load: The server could not be reached. Check your connection and try again.',
    );
  });
});
