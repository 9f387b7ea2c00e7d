// Marks functions that must compile for both the host and the GPU.
//
// The input generator and the dtype conversions are shared by the CPU backend, the CUDA generation
// kernel and the checker: one definition, so a (seed, parameter, element) triple gives the same bits
// everywhere. Under nvcc these functions become __host__ __device__; under g++ they are plain inline.
#pragma once

#if defined(__CUDACC__)
#define PODIUM_HD __host__ __device__ inline
#else
#define PODIUM_HD inline
#endif
