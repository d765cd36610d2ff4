// Browser journey for issue 34: a trainee signs a session in the browser; their supervisor finds it in the
// supervision queue, reads it read-only (clearly marked), comments and co-signs; the trainee sees the comment.
// The supervisor, the trainee and the link between them are arranged through the admin's API.
// journeys.mjs runs it with its helpers (passed in as `h`).

import { widthProblems } from './page-checks.mjs';

export function supervisionJourneys(h) {
  const RUN = Date.now().toString(36);
  const trainee = { email: `trainee.${RUN}@e2e.test`, password: `Trainee-e2e-${RUN}-pw`, firstName: 'Tomas', lastName: 'Reyes' };
  const supervisor = { email: `supervisor.${RUN}@e2e.test`, password: `Supervisor-e2e-${RUN}-pw`, firstName: 'Ines', lastName: 'Walsh' };

  async function therapist(adminToken, person) {
    const invited = await h.api('POST', '/api/admin/therapists', {
      token: adminToken, body: { email: person.email, firstName: person.firstName, lastName: person.lastName },
    });
    await h.api('POST', '/api/auth/invitations/accept', { body: { token: invited.invitationToken, password: person.password } });
    return invited.id;
  }

  /** The admin makes one a supervisor and links the trainee to them; the trainee has a couple and an unsigned session. */
  async function arrange() {
    const adminToken = await h.apiLogin(h.ADMIN_EMAIL, h.ADMIN_PASSWORD);
    const traineeId = await therapist(adminToken, trainee);
    const supervisorId = await therapist(adminToken, supervisor);
    await h.api('PATCH', `/api/admin/therapists/${supervisorId}`, { token: adminToken, body: { supervisor: true } });
    const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    await h.api('POST', '/api/admin/supervision', {
      token: adminToken, body: { superviseeId: traineeId, supervisorId, startsOn: weekAgo, trainee: true },
    });
    const token = await h.apiLogin(trainee.email, trainee.password);
    const couple = await h.api('POST', '/api/couples', {
      token,
      body: {
        partners: [
          { firstName: 'Lena', lastName: 'Hart', email: `lena.${RUN}@e2e.test`, pronouns: null },
          { firstName: 'Omar', lastName: 'Hart', email: `omar.${RUN}@e2e.test`, pronouns: null },
        ],
        presentingConcerns: 'Escalation about money.', goals: 'Calmer talks.', startedOn: weekAgo,
      },
    });
    const session = await h.api('POST', `/api/couples/${couple.id}/sessions`, {
      token,
      body: {
        date: h.today(), startTime: '10:00', durationMinutes: 50, format: 'in_person', attendance: 'both', confirmConsent: true,
        eftStage: 2, eftStep: 5, note: 'Lena reached her fear of being left.', cycle: null,
        tangoMoves: [{ move: 'affect_assembly_and_deepening', note: 'Stayed with the fear.' }],
      },
    });
    return { couple, session };
  }

  async function traineeSignsSupervisorCosigns() {
    const { couple, session } = await arrange();

    // The trainee signs in the browser: the session now awaits the supervisor's co-signature.
    const traineeContext = await h.newContext();
    const traineePage = await traineeContext.newPage();
    h.current.page = traineePage;
    await h.signIn(traineePage, trainee.email, trainee.password, '/dashboard');
    await h.go(traineePage, `/sessions/${session.id}`);
    await traineePage.getByRole('button', { name: 'Sign session' }).click();
    await traineePage.getByRole('alertdialog', { name: 'Sign this session?' }).getByRole('button', { name: 'Sign', exact: true }).click();
    await traineePage.getByText("Awaiting the supervisor's co-signature.").waitFor();
    await traineePage.getByRole('heading', { name: 'Supervision comments' }).waitFor();

    // The supervisor finds it in the queue and reads it read-only, on a phone-sized screen too.
    const context = await h.newContext();
    const page = await context.newPage();
    h.current.page = page;
    await h.signIn(page, supervisor.email, supervisor.password, '/dashboard');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Supervision' }).click();
    await page.getByRole('heading', { level: 1, name: 'Supervision' }).waitFor();
    const item = page.locator('ul.queue li', { hasText: couple.displayName });
    await item.getByText('Awaiting co-signature').waitFor();
    await h.keyScreen(page, 'supervision-queue');
    await item.getByRole('link').click();
    await page.waitForURL(/\/supervision\/sessions\//);
    await page.getByText(`Read-only — supervising ${trainee.firstName} ${trainee.lastName}`).waitFor();
    await page.getByText('Lena reached her fear of being left.').waitFor();
    if (await page.getByRole('button', { name: 'Amend' }).count()) throw new Error('the supervisor was offered Amend on a read-only session');
    await h.keyScreen(page, 'supervision-session');
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 844 });
      await page.waitForTimeout(150);
      const problems = await widthProblems(page, width);
      if (problems.length) throw new Error(`the supervised session at ${width} px: ${problems.join('; ')}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    // A comment, then the co-signature.
    await page.getByRole('textbox', { name: 'Comment', exact: true }).fill('Good slowing down at step 5. Next time stay a little longer with Omar.');
    await page.getByRole('button', { name: 'Add comment' }).click();
    await page.getByText('Comment added.').waitFor();
    await page.getByRole('button', { name: 'Co-sign', exact: true }).click();
    await page.getByText(`Co-signed by ${supervisor.firstName} ${supervisor.lastName}`).waitFor();
    // The couple read-only, and its case conceptualisation as text (drafted from the record), on a phone too.
    await page.getByRole('link', { name: `Back to ${couple.displayName}` }).click();
    await page.getByRole('heading', { level: 1, name: couple.displayName }).waitFor();
    await page.getByText(`Read-only — supervising ${trainee.firstName} ${trainee.lastName}`).waitFor();
    await h.keyScreen(page, 'supervision-couple');
    await page.getByRole('link', { name: 'Case conceptualisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Case conceptualisation' }).waitFor();
    await page.getByText('Draft written from the record — not saved yet.').waitFor();
    await page.getByText(/Affect assembly and deepening: 1 session/).waitFor();
    if (await page.locator('textarea').count()) throw new Error("the supervisor was offered the conceptualisation's text boxes");
    await h.keyScreen(page, 'supervision-conceptualisation');
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 844 });
      await page.waitForTimeout(150);
      const problems = await widthProblems(page, width);
      if (problems.length) throw new Error(`the conceptualisation at ${width} px: ${problems.join('; ')}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await h.go(page, '/supervision');
    await page.getByText('Nothing is waiting').waitFor();

    // The trainee sees the comment and the co-signature beside the signed session.
    await h.go(traineePage, `/sessions/${session.id}`);
    h.current.page = traineePage;
    await traineePage.getByText('Good slowing down at step 5.').waitFor();
    await traineePage.getByText(`Co-signed by ${supervisor.firstName} ${supervisor.lastName}`).waitFor();
    await traineeContext.close();
    await context.close();
  }

  return [['supervision-cosign', traineeSignsSupervisorCosigns]];
}
