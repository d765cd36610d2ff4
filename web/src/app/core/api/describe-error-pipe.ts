import { Pipe, PipeTransform } from '@angular/core';
import { describeError } from './problem-details';

/**
 * `{{ resource.error() | describeError }}`: the one sentence for an error that belongs to no field
 * (see {@link describeError}), so a template shows it without a wrapper method in every component.
 */
@Pipe({ name: 'describeError' })
export class DescribeErrorPipe implements PipeTransform {
  transform(error: unknown): string {
    return describeError(error);
  }
}
