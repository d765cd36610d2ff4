import { inject } from '@angular/core';
import { CanActivateFn, CanMatchFn, Router } from '@angular/router';
import { Role } from '../api/api-types';
import { AuthStore, TWO_STEP_SETUP_URL } from './auth-store';

/**
 * Lets a route through only for the given roles. Signed-out users go to sign in and come back
 * afterwards; a signed-in user of another role goes to their own home rather than an error.
 * A session limited to two-step enrolment is kept on the enrolment screen.
 */
export function roleGuard(...roles: Role[]): CanActivateFn {
  return (_route, state) => {
    const auth = inject(AuthStore);
    const router = inject(Router);
    const role = auth.role();
    if (!auth.isAuthenticated() || !role) {
      return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
    }
    if (auth.mfaEnrolmentRequired()) return router.parseUrl(TWO_STEP_SETUP_URL);
    return roles.includes(role) ? true : router.parseUrl(auth.homeUrl());
  };
}

/** The enrolment screen is only for a session that must enrol; anyone else goes home. */
export const enrolmentOnlyGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  if (!auth.isAuthenticated()) return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
  return auth.mfaEnrolmentRequired() ? true : router.parseUrl(auth.homeUrl());
};

/** Sends `/` to the signed-in user's home, or to sign in. */
export const homeRedirect: CanMatchFn = () => {
  const auth = inject(AuthStore);
  return inject(Router).parseUrl(auth.homeUrl());
};

/** Keeps a signed-in user off the sign-in page. */
export const signedOutOnly: CanActivateFn = () => {
  const auth = inject(AuthStore);
  return auth.isAuthenticated() ? inject(Router).parseUrl(auth.homeUrl()) : true;
};
