/** A policy pack that cannot be started or answered: the preview fails with exit 2 and this message. */
export class PolicyPackError extends Error {}
