import { ClusterConfigError, ClusterError } from '@kubectl-clone/core/cluster';
import { PlanError } from '@kubectl-clone/core';
import { WorkloadInputError } from '@kubectl-clone/core/clone';
import { CliError } from './errors.js';

/** Run a command body that talks to the cluster; its known failures become one-line CliErrors. */
export async function withClusterErrors<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof ClusterError || error instanceof ClusterConfigError || error instanceof PlanError || error instanceof WorkloadInputError) {
      throw new CliError(error.message);
    }
    throw error;
  }
}
