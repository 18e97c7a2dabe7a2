/** Checks the pipeline wizard makes as the user types: the base image, the instance profile, the network choices. */

export const schemas = {} as const;

export const channels = {} as const;

export const events = {} as const;
