/** The time now; services take it so rules that depend on time can be checked at any time. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
