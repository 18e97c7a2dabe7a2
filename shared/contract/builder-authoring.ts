/** Image Builder authoring: components written as YAML documents and their versions, recipes and their versions. */

export const schemas = {} as const;

export const channels = {} as const;

export const events = {} as const;
