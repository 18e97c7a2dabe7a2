/** Image Builder pipelines managed: edited, enabled or disabled, cloned into another account or region, deleted with their dependent resources. */

export const schemas = {} as const;

export const channels = {} as const;

export const events = {} as const;
