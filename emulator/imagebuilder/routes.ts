/**
 * Image Builder's operations by HTTP method and path, as the API reference (and the SDK)
 * spell them: reads are GET with the ARN in the query string, creates and actions PUT with a
 * JSON body, lists POST with a JSON body, deletes DELETE with the ARN in the query string.
 */
import type { IbHandler } from './call';
import { createComponent, getComponent, listComponentBuildVersions, listComponents } from './components';
import {
  createDistributionConfiguration,
  deleteDistributionConfiguration,
  getDistributionConfiguration,
  listDistributionConfigurations,
  updateDistributionConfiguration,
} from './distributions';
import { cancelImageCreation, listImageBuildVersions, listImagePipelineImages, listWorkflowExecutions, listWorkflowStepExecutions } from './images';
import {
  createInfrastructureConfiguration,
  deleteInfrastructureConfiguration,
  getInfrastructureConfiguration,
  listInfrastructureConfigurations,
  updateInfrastructureConfiguration,
} from './infrastructure';
import { getImageOrManaged } from './managed-images';
import { createImagePipeline, deleteImagePipeline, getImagePipeline, listImagePipelines, startImagePipelineExecution, updateImagePipeline } from './pipelines';
import { createImageRecipe, deleteImageRecipe, getImageRecipe, listImageRecipes } from './recipes';

export interface Route {
  /** The operation's name, as IAM names the action (`imagebuilder:<Operation>`). */
  operation: string;
  handler: IbHandler;
}

const ROUTES: ReadonlyArray<[string, string, IbHandler]> = [
  ['POST', 'ListImagePipelines', listImagePipelines],
  ['GET', 'GetImagePipeline', getImagePipeline],
  ['PUT', 'CreateImagePipeline', createImagePipeline],
  ['PUT', 'UpdateImagePipeline', updateImagePipeline],
  ['DELETE', 'DeleteImagePipeline', deleteImagePipeline],
  ['PUT', 'StartImagePipelineExecution', startImagePipelineExecution],
  ['POST', 'ListImagePipelineImages', listImagePipelineImages],
  ['POST', 'ListImageBuildVersions', listImageBuildVersions],
  ['POST', 'ListImageRecipes', listImageRecipes],
  ['GET', 'GetImageRecipe', getImageRecipe],
  ['PUT', 'CreateImageRecipe', createImageRecipe],
  ['DELETE', 'DeleteImageRecipe', deleteImageRecipe],
  ['POST', 'ListComponents', listComponents],
  ['POST', 'ListComponentBuildVersions', listComponentBuildVersions],
  ['GET', 'GetComponent', getComponent],
  ['PUT', 'CreateComponent', createComponent],
  ['POST', 'ListInfrastructureConfigurations', listInfrastructureConfigurations],
  ['GET', 'GetInfrastructureConfiguration', getInfrastructureConfiguration],
  ['PUT', 'CreateInfrastructureConfiguration', createInfrastructureConfiguration],
  ['PUT', 'UpdateInfrastructureConfiguration', updateInfrastructureConfiguration],
  ['DELETE', 'DeleteInfrastructureConfiguration', deleteInfrastructureConfiguration],
  ['POST', 'ListDistributionConfigurations', listDistributionConfigurations],
  ['GET', 'GetDistributionConfiguration', getDistributionConfiguration],
  ['PUT', 'CreateDistributionConfiguration', createDistributionConfiguration],
  ['PUT', 'UpdateDistributionConfiguration', updateDistributionConfiguration],
  ['DELETE', 'DeleteDistributionConfiguration', deleteDistributionConfiguration],
  ['GET', 'GetImage', getImageOrManaged],
  ['PUT', 'CancelImageCreation', cancelImageCreation],
  ['POST', 'ListWorkflowExecutions', listWorkflowExecutions],
  ['POST', 'ListWorkflowStepExecutions', listWorkflowStepExecutions],
];

const BY_KEY = new Map<string, Route>(ROUTES.map(([method, operation, handler]) => [`${method} /${operation}`, { operation, handler }]));

export function routeOf(method: string, path: string): Route | undefined {
  return BY_KEY.get(`${method} ${path}`);
}

/** Every operation name, for documentation and tests. */
export const IMAGE_BUILDER_OPERATIONS: readonly string[] = ROUTES.map(([, operation]) => operation);
