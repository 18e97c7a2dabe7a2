/** Image Builder authoring: components written as YAML documents and their versions, recipes and their versions. */
import { z } from 'zod';
import { MAX_COMPONENT_DATA, type ComponentCreated, type ComponentDocument, type ComponentFamily, type RecipeCloned, type RecipeFamily } from '../imagebuilder-authoring';
import { common, confirmations, id, imageId, output, region } from './fields';

const builderArn = z.string().max(1024).regex(/^arn:aws[a-z-]*:imagebuilder:[a-z0-9-]+:(\d{12}|aws):[a-z-]+\/[\w./-]+$/, 'must be an Image Builder ARN');
/** Image Builder's ResourceName pattern: letters, digits, spaces, hyphens and underscores. */
const resourceName = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[-_A-Za-z0-9][-_A-Za-z0-9 ]*$/, 'letters, digits, spaces, - and _ only');
const semanticVersion = z.string().trim().regex(/^\d+\.\d+\.\d+$/, 'must look like 1.0.0');
const optionalText = z.string().trim().max(1024);

export const schemas = {
  componentCreate: z.strictObject({
    account: id,
    region,
    name: resourceName,
    version: semanticVersion,
    platform: z.enum(['Linux', 'Windows']),
    /** OS versions the component supports ("Amazon Linux 2023", "Microsoft Windows Server 2022"); none means any. */
    supportedOsVersions: z.array(z.string().trim().min(1).max(128)).max(25),
    description: optionalText,
    changeDescription: optionalText,
    data: z.string().min(1).max(MAX_COMPONENT_DATA),
    confirmations,
  }),
  componentDocument: z.strictObject({ account: id, region, arn: builderArn }),
  recipeClone: z.strictObject({
    account: id,
    region,
    /** The recipe version copied. */
    sourceArn: builderArn,
    version: semanticVersion,
    description: optionalText,
    /** The new version's parent image; the source's when null. */
    parentImage: z.union([imageId, builderArn]).nullable(),
    /** The new version's components in order; the source's when null. */
    components: z.array(builderArn).min(1).max(20).nullable(),
    confirmations,
  }),
} as const;

export const channels = {
  /** Checks the document, then CreateComponent (a new component, or a new version of one). */
  'builder:componentCreate': { input: schemas.componentCreate, output: output<ComponentCreated>() },
  /** The account's components in a region, by name, each with its versions. */
  'builder:componentVersions': { input: common.regionRef, output: output<ComponentFamily[]>() },
  /** One component build version with its YAML document. */
  'builder:componentDocument': { input: schemas.componentDocument, output: output<ComponentDocument>() },
  /** The account's image recipes in a region, by name, each with its versions. */
  'builder:recipeVersions': { input: common.regionRef, output: output<RecipeFamily[]>() },
  /** A new version of a recipe: the source's settings, with the changes given. */
  'builder:recipeClone': { input: schemas.recipeClone, output: output<RecipeCloned>() },
} as const;

export const events = {} as const;
