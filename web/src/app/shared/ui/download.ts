import { HttpClient, HttpParams } from '@angular/common/http';
import { DOCUMENT, inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';

/**
 * Saves an API answer as a file. A plain link cannot carry the access token (held in memory), so
 * the file is fetched with it and handed to the browser as an object URL that lives only for the click.
 */
@Injectable({ providedIn: 'root' })
export class FileDownload {
  private readonly http = inject(HttpClient);
  private readonly document = inject(DOCUMENT);

  async save(
    url: string,
    params: Record<string, string | number | boolean | readonly (string | number | boolean)[]>,
    fallbackName: string,
  ): Promise<void> {
    const response = await firstValueFrom(
      this.http.get(url, { params: new HttpParams({ fromObject: params }), responseType: 'blob', observe: 'response' }),
    );
    const name = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
    const href = URL.createObjectURL(response.body ?? new Blob());
    const link = this.document.createElement('a');
    link.href = href;
    link.download = name;
    link.hidden = true;
    this.document.body.appendChild(link);
    try {
      link.click();
    } finally {
      link.remove();
      URL.revokeObjectURL(href);
    }
  }
}
