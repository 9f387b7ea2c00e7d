// Baseline matmul, a reasonable first optimized solution: tensor cores through WMMA. Each block of
// 4 warps computes a 64×64 tile of C; each warp a 32×32 quarter as 2×2 fragments of 16×16, with fp32
// accumulators. A and B are staged through shared memory 32 columns (of A) / rows (of B) at a time:
// with 16-byte vector loads when the whole tile is inside the matrix and the row length is a multiple
// of 8 halves, element by element with zero fill otherwise, so any m, n, k works. The finished tile is
// stored to shared memory as float, rounded to fp16 and written with bounds checks. Rows of the shared
// tiles are padded by 16 bytes against bank conflicts (WMMA needs 32-byte aligned fragment pointers,
// which these strides keep).
#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <mma.h>
#include <cstddef>
#include <cstdint>

using namespace nvcuda;

constexpr int BM = 64;
constexpr int BN = 64;
constexpr int BK = 32;
constexpr int THREADS = 128;
constexpr int A_LD = BK + 8;  // halves
constexpr int B_LD = BN + 8;  // halves
constexpr int C_LD = BN + 4;  // floats

__global__ void __launch_bounds__(THREADS)
matmul_wmma(const __half* a, const __half* b, __half* c, size_t m, size_t n, size_t k) {
    __shared__ __align__(128) __half a_tile[BM][A_LD];
    __shared__ __align__(128) __half b_tile[BK][B_LD];
    __shared__ __align__(128) float c_tile[BM][C_LD];
    int tid = threadIdx.x;
    int warp = tid / 32;
    int warp_row = warp / 2;
    int warp_col = warp % 2;
    size_t bm = (size_t)blockIdx.y * BM;
    size_t bn = (size_t)blockIdx.x * BN;

    wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc[2][2];
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j) wmma::fill_fragment(acc[i][j], 0.0f);

    bool a_rows_full = k % 8 == 0 && bm + BM <= m;
    bool b_cols_full = n % 8 == 0 && bn + BN <= n;
    const __half zero = __float2half(0.0f);

    for (size_t k0 = 0; k0 < k; k0 += BK) {
        bool k_full = k0 + BK <= k;
        if (a_rows_full && k_full) {
            for (int v = tid; v < BM * BK / 8; v += THREADS) {
                int r = v / (BK / 8);
                int c8 = v % (BK / 8);
                *reinterpret_cast<uint4*>(&a_tile[r][c8 * 8]) =
                    *reinterpret_cast<const uint4*>(a + (bm + r) * k + k0 + c8 * 8);
            }
        } else {
            for (int e = tid; e < BM * BK; e += THREADS) {
                int r = e / BK;
                int col = e % BK;
                size_t gr = bm + r;
                size_t gc = k0 + col;
                a_tile[r][col] = (gr < m && gc < k) ? a[gr * k + gc] : zero;
            }
        }
        if (b_cols_full && k_full) {
            for (int v = tid; v < BK * BN / 8; v += THREADS) {
                int r = v / (BN / 8);
                int c8 = v % (BN / 8);
                *reinterpret_cast<uint4*>(&b_tile[r][c8 * 8]) =
                    *reinterpret_cast<const uint4*>(b + (k0 + r) * n + bn + c8 * 8);
            }
        } else {
            for (int e = tid; e < BK * BN; e += THREADS) {
                int r = e / BN;
                int col = e % BN;
                size_t gr = k0 + r;
                size_t gc = bn + col;
                b_tile[r][col] = (gr < k && gc < n) ? b[gr * n + gc] : zero;
            }
        }
        __syncthreads();
#pragma unroll
        for (int kk = 0; kk < BK; kk += 16) {
            wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> a_frag[2];
            wmma::fragment<wmma::matrix_b, 16, 16, 16, __half, wmma::row_major> b_frag[2];
            for (int i = 0; i < 2; ++i)
                wmma::load_matrix_sync(a_frag[i], &a_tile[warp_row * 32 + i * 16][kk], A_LD);
            for (int j = 0; j < 2; ++j)
                wmma::load_matrix_sync(b_frag[j], &b_tile[kk][warp_col * 32 + j * 16], B_LD);
            for (int i = 0; i < 2; ++i)
                for (int j = 0; j < 2; ++j) wmma::mma_sync(acc[i][j], a_frag[i], b_frag[j], acc[i][j]);
        }
        __syncthreads();
    }

    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j)
            wmma::store_matrix_sync(&c_tile[warp_row * 32 + i * 16][warp_col * 32 + j * 16], acc[i][j], C_LD,
                                    wmma::mem_row_major);
    __syncthreads();
    for (int e = tid; e < BM * BN; e += THREADS) {
        int r = e / BN;
        int col = e % BN;
        size_t gr = bm + r;
        size_t gc = bn + col;
        if (gr < m && gc < n) c[gr * n + gc] = __float2half(c_tile[r][col]);
    }
}

extern "C" void solution(const __half* a, const __half* b, __half* c, size_t m, size_t n, size_t k) {
    if (m == 0 || n == 0) return;
    dim3 grid((unsigned)((n + BN - 1) / BN), (unsigned)((m + BM - 1) / BM));
    matmul_wmma<<<grid, THREADS>>>(a, b, c, m, n, k);
}
