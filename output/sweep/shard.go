package sweep

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Environment variables that give a shard's index and the number of
// shards, as set by cluster schedulers.
const (
	EnvSlurmTask  = "SLURM_ARRAY_TASK_ID"
	EnvSlurmCount = "SLURM_ARRAY_TASK_COUNT"
	EnvK8sIndex   = "JOB_COMPLETION_INDEX"
)

// ShardFromEnv returns this process's shard index and the number of
// shards: from shard ("i/n") if not empty; else from $SLURM_ARRAY_TASK_ID
// with $SLURM_ARRAY_TASK_COUNT or count; else from $JOB_COMPLETION_INDEX
// (a Kubernetes Indexed Job) with count; else 0 of 1. Empty variables
// count as unset; getenv reads them (os.Getenv).
func ShardFromEnv(shard string, count int, getenv func(string) string) (i, n int, err error) {
	if shard != "" {
		if count != 0 {
			return 0, 0, errors.New("give --shard i/n or --shard-count n, not both")
		}
		is, ns, ok := strings.Cut(shard, "/")
		i, erri := strconv.Atoi(is)
		n, errn := strconv.Atoi(ns)
		if !ok || erri != nil || errn != nil || n < 1 || i < 0 || i >= n {
			return 0, 0, fmt.Errorf("--shard %s: want i/n with 0 <= i < n, as in --shard 0/4", shard)
		}
		return i, n, nil
	}
	index := func(name string) (int, error) {
		i, err := strconv.Atoi(getenv(name))
		if err != nil || i < 0 {
			return 0, fmt.Errorf("$%s=%q is not a shard index", name, getenv(name))
		}
		return i, nil
	}
	n = count
	switch {
	case getenv(EnvSlurmTask) != "":
		if i, err = index(EnvSlurmTask); err != nil {
			return 0, 0, err
		}
		if n == 0 && getenv(EnvSlurmCount) != "" {
			if n, err = strconv.Atoi(getenv(EnvSlurmCount)); err != nil || n < 1 {
				return 0, 0, fmt.Errorf("$%s=%q is not a number of shards", EnvSlurmCount, getenv(EnvSlurmCount))
			}
		}
		if n == 0 {
			return 0, 0, fmt.Errorf("$%s is set but not $%s: give --shard-count", EnvSlurmTask, EnvSlurmCount)
		}
		if i >= n {
			return 0, 0, fmt.Errorf("$%s=%d is not below the number of shards, %d: number the array from 0, as in sbatch --array=0-%d",
				EnvSlurmTask, i, n, n-1)
		}
		return i, n, nil
	case getenv(EnvK8sIndex) != "":
		if i, err = index(EnvK8sIndex); err != nil {
			return 0, 0, err
		}
		if n == 0 {
			return 0, 0, fmt.Errorf("$%s is set: give --shard-count, the Job's completions", EnvK8sIndex)
		}
		if i >= n {
			return 0, 0, fmt.Errorf("$%s=%d is not below --shard-count %d", EnvK8sIndex, i, n)
		}
		return i, n, nil
	case n != 0:
		return 0, 0, fmt.Errorf("--shard-count needs $%s or $%s; or give --shard i/n", EnvSlurmTask, EnvK8sIndex)
	}
	return 0, 1, nil
}

// shardPoints returns the points of shard i of n: every n-th from i.
func shardPoints(points, i, n int) []int {
	var ids []int
	for id := i; id < points; id += n {
		ids = append(ids, id)
	}
	return ids
}
