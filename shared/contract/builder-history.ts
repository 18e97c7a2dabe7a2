/** Image Builder's own history of a pipeline: its image build versions, their workflow and step executions, and links to their logs. */

export const schemas = {} as const;

export const channels = {} as const;

export const events = {} as const;
