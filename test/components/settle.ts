// Under Pulumi's mocks nothing signals that a component has finished registering: each registration runs through
// promise chains (Outputs resolving, the mock monitor answering), and a component registers some children only once
// an input is known. So the tests poll the number of registered resources on timers, which run only after the queued
// promise work, and call the registrations over once that number has stayed the same for several turns in a row.

/** Resolves once `count()` has not changed across `turns` checks, `turnMs` milliseconds apart. */
export async function untilUnchanged(count: () => number, turns = 10, turnMs = 10): Promise<void> {
  let last = -1;
  let unchanged = 0;
  while (unchanged < turns) {
    await new Promise((r) => setTimeout(r, turnMs));
    const now = count();
    if (now === last) unchanged++;
    else {
      unchanged = 0;
      last = now;
    }
  }
}
