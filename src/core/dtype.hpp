// Element types of problem parameters: names, sizes, C spellings, and reading/writing one element as a
// double (host and device).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/hd.hpp"
#include "core/numeric.hpp"

namespace podium {

enum class DType : uint8_t { f16, bf16, f32, f64, i8, i32, i64, u8, u32, u64 };

enum class BackendKind : uint8_t { cpu, cuda };

std::optional<DType> parse_dtype(std::string_view name);
std::string_view dtype_name(DType t);
std::string dtype_list();  // "f16, bf16, ..." for error messages
bool dtype_is_float(DType t);
std::optional<BackendKind> parse_backend(std::string_view name);
std::string_view backend_name(BackendKind b);
// The C type of one element as a submission declares it.
std::string_view dtype_ctype(DType t, BackendKind backend);

PODIUM_HD size_t dtype_size(DType t) {
  switch (t) {
    case DType::i8:
    case DType::u8:
      return 1;
    case DType::f16:
    case DType::bf16:
      return 2;
    case DType::f32:
    case DType::i32:
    case DType::u32:
      return 4;
    case DType::f64:
    case DType::i64:
    case DType::u64:
      return 8;
  }
  return 0;
}

// Rounds `v` to the dtype (nearest-even for floats, truncation toward zero for integers, which only
// ever receive integral values from the generator) and stores it at element `i` of `base`.
PODIUM_HD void store_element(void* base, size_t i, DType t, double v) {
  unsigned char* p = static_cast<unsigned char*>(base) + i * dtype_size(t);
  switch (t) {
    case DType::f16: {
      const uint16_t h = double_to_half_bits(v);
      memcpy(p, &h, 2);
      return;
    }
    case DType::bf16: {
      const uint16_t h = double_to_bf16_bits(v);
      memcpy(p, &h, 2);
      return;
    }
    case DType::f32: {
      const float f = static_cast<float>(v);
      memcpy(p, &f, 4);
      return;
    }
    case DType::f64:
      memcpy(p, &v, 8);
      return;
    case DType::i8: {
      const int8_t x = static_cast<int8_t>(v);
      memcpy(p, &x, 1);
      return;
    }
    case DType::i32: {
      const int32_t x = static_cast<int32_t>(v);
      memcpy(p, &x, 4);
      return;
    }
    case DType::i64: {
      const int64_t x = static_cast<int64_t>(v);
      memcpy(p, &x, 8);
      return;
    }
    case DType::u8: {
      const uint8_t x = static_cast<uint8_t>(v);
      memcpy(p, &x, 1);
      return;
    }
    case DType::u32: {
      const uint32_t x = static_cast<uint32_t>(v);
      memcpy(p, &x, 4);
      return;
    }
    case DType::u64: {
      const uint64_t x = static_cast<uint64_t>(v);
      memcpy(p, &x, 8);
      return;
    }
  }
}

PODIUM_HD double load_element(const void* base, size_t i, DType t) {
  const unsigned char* p = static_cast<const unsigned char*>(base) + i * dtype_size(t);
  switch (t) {
    case DType::f16: {
      uint16_t h;
      memcpy(&h, p, 2);
      return half_bits_to_double(h);
    }
    case DType::bf16: {
      uint16_t h;
      memcpy(&h, p, 2);
      return bf16_bits_to_double(h);
    }
    case DType::f32: {
      float f;
      memcpy(&f, p, 4);
      return f;
    }
    case DType::f64: {
      double d;
      memcpy(&d, p, 8);
      return d;
    }
    case DType::i8: {
      int8_t x;
      memcpy(&x, p, 1);
      return x;
    }
    case DType::i32: {
      int32_t x;
      memcpy(&x, p, 4);
      return x;
    }
    case DType::i64: {
      int64_t x;
      memcpy(&x, p, 8);
      return static_cast<double>(x);
    }
    case DType::u8: {
      uint8_t x;
      memcpy(&x, p, 1);
      return x;
    }
    case DType::u32: {
      uint32_t x;
      memcpy(&x, p, 4);
      return x;
    }
    case DType::u64: {
      uint64_t x;
      memcpy(&x, p, 8);
      return static_cast<double>(x);
    }
  }
  return 0.0;
}

}  // namespace podium
