import {
  HttpContextToken,
  HttpErrorResponse,
  HttpEvent,
  HttpHandlerFn,
  HttpInterceptorFn,
  HttpRequest,
} from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, from, Observable, switchMap, throwError } from 'rxjs';
import { AUTH_API, AuthStore } from './auth-store';

/** Marks a request already retried after a refresh, so a second 401 is final. */
const RETRIED_AFTER_REFRESH = new HttpContextToken<boolean>(() => false);

function isApi(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

function isAuthEndpoint(url: string): boolean {
  return url.startsWith(`${AUTH_API}/`);
}

function withToken(request: HttpRequest<unknown>, token: string | null): HttpRequest<unknown> {
  return token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
}

/**
 * Adds the bearer token to API calls and the refresh cookie to auth calls. On a 401 it refreshes
 * once (the store shares one refresh between concurrent callers) and retries; when the refresh
 * fails the session is over and the user is sent to sign in.
 */
export const authInterceptor: HttpInterceptorFn = (request, next): Observable<HttpEvent<unknown>> => {
  if (!isApi(request.url)) return next(request);
  const auth = inject(AuthStore);

  if (isAuthEndpoint(request.url)) {
    // Login, refresh and logout answer 401 as part of their contract: never refresh on those.
    return next(withToken(request.clone({ withCredentials: true }), auth.accessToken()));
  }

  return next(withToken(request, auth.accessToken())).pipe(
    catchError((error: unknown) => {
      if (
        !(error instanceof HttpErrorResponse) ||
        error.status !== 401 ||
        request.context.get(RETRIED_AFTER_REFRESH)
      ) {
        return throwError(() => error);
      }
      return from(auth.refresh()).pipe(
        switchMap((refreshed) => {
          if (!refreshed) {
            // Nothing to keep here: open notes were saved to the server as they were typed.
            void auth.goToLogin('expired');
            return throwError(() => error);
          }
          return retry(request, next, auth.accessToken());
        }),
      );
    }),
  );
};

function retry(request: HttpRequest<unknown>, next: HttpHandlerFn, token: string | null) {
  const retried = request.clone({ context: request.context.set(RETRIED_AFTER_REFRESH, true) });
  return next(withToken(retried, token));
}
