/**
 * The patterns Image Builder's service model gives its ARN and id members. A value that does not
 * match is InvalidParameterValueException "The value supplied for parameter 'm' is not valid.
 * 'm' must match pattern …", as AWS answers (seen for GetComponent), for every operation alike,
 * although most operations' error lists name only InvalidRequestException.
 */
import type { ImageBuilderResourceType } from '../world/imagebuilder-arns';
import { invalidValue } from './errors';

const ARN = 'arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws)';
const VERSION = '[0-9]+\\.[0-9]+\\.[0-9]+';
const WILDCARD_VERSION = '(?:([0-9]+|x)\\.([0-9]+|x)\\.([0-9]+|x))';

export const MODEL_PATTERNS = {
  ImagePipelineArn: `^${ARN}:image-pipeline/[a-z0-9-_]+$`,
  ImageRecipeArn: `^${ARN}:image-recipe/[a-z0-9-_]+/${VERSION}$`,
  InfrastructureConfigurationArn: `^${ARN}:infrastructure-configuration/[a-z0-9-_]+$`,
  DistributionConfigurationArn: `^${ARN}:distribution-configuration/[a-z0-9-_]+$`,
  ImageVersionArn: `^${ARN}:image/[a-z0-9-_]+/${VERSION}$`,
  ImageBuildVersionArn: `^${ARN}:image/[a-z0-9-_]+/${VERSION}/[0-9]+$`,
  ImageVersionArnOrBuildVersionArn: `^${ARN}:image/[a-z0-9-_]+/(?:${WILDCARD_VERSION}|(?:${VERSION}/[0-9]+))$`,
  ComponentVersionArn: `^${ARN}:component/[a-z0-9-_]+/${VERSION}$`,
  ComponentVersionArnOrBuildVersionArn: `^${ARN}:component/[a-z0-9-_]+/(?:${WILDCARD_VERSION}|(?:${VERSION}/[0-9]+))$`,
  WorkflowExecutionId: '^wf-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
} as const;

export type ModelPatternShape = keyof typeof MODEL_PATTERNS;

const compiled = new Map<ModelPatternShape, RegExp>();

/** The value, or InvalidParameterValueException naming the member and the model's pattern. */
export function matchingPattern(member: string, value: string, shape: ModelPatternShape): string {
  let pattern = compiled.get(shape);
  if (!pattern) {
    pattern = new RegExp(MODEL_PATTERNS[shape]);
    compiled.set(shape, pattern);
  }
  if (!pattern.test(value)) throw invalidValue(member, `'${member}' must match pattern ${MODEL_PATTERNS[shape]}`);
  return value;
}

/** The shape of the ARN member that names a caller's own resource of each type. */
export const OWN_RESOURCE_SHAPE: Partial<Record<ImageBuilderResourceType, ModelPatternShape>> = {
  'image-pipeline': 'ImagePipelineArn',
  'image-recipe': 'ImageRecipeArn',
  'infrastructure-configuration': 'InfrastructureConfigurationArn',
  'distribution-configuration': 'DistributionConfigurationArn',
};
