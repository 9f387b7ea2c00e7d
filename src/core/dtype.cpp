// Names and C spellings of the element types.
#include "core/dtype.hpp"

#include <array>

namespace podium {
namespace {

struct DTypeInfo {
  DType type;
  std::string_view name;
  std::string_view cuda_ctype;
  std::string_view cpu_ctype;
};

constexpr std::array<DTypeInfo, 10> kDTypes{{
    {DType::f16, "f16", "__half", "uint16_t"},
    {DType::bf16, "bf16", "__nv_bfloat16", "uint16_t"},
    {DType::f32, "f32", "float", "float"},
    {DType::f64, "f64", "double", "double"},
    {DType::i8, "i8", "int8_t", "int8_t"},
    {DType::i32, "i32", "int32_t", "int32_t"},
    {DType::i64, "i64", "int64_t", "int64_t"},
    {DType::u8, "u8", "uint8_t", "uint8_t"},
    {DType::u32, "u32", "uint32_t", "uint32_t"},
    {DType::u64, "u64", "uint64_t", "uint64_t"},
}};

const DTypeInfo& info(DType t) { return kDTypes[static_cast<size_t>(t)]; }

}  // namespace

std::optional<DType> parse_dtype(std::string_view name) {
  for (const auto& d : kDTypes)
    if (d.name == name) return d.type;
  return std::nullopt;
}

std::string_view dtype_name(DType t) { return info(t).name; }

std::string dtype_list() {
  std::string out;
  for (const auto& d : kDTypes) {
    if (!out.empty()) out += ", ";
    out += d.name;
  }
  return out;
}

bool dtype_is_float(DType t) {
  return t == DType::f16 || t == DType::bf16 || t == DType::f32 || t == DType::f64;
}

std::optional<BackendKind> parse_backend(std::string_view name) {
  if (name == "cpu") return BackendKind::cpu;
  if (name == "cuda") return BackendKind::cuda;
  return std::nullopt;
}

std::string_view backend_name(BackendKind b) { return b == BackendKind::cpu ? "cpu" : "cuda"; }

std::string_view dtype_ctype(DType t, BackendKind backend) {
  return backend == BackendKind::cuda ? info(t).cuda_ctype : info(t).cpu_ctype;
}

}  // namespace podium
