// Parses and validates problem.yaml. Every rejection names the file, the line, the field path and the
// reason, because an organizer fixing a spec should never have to guess which of forty lines is wrong.
#include "core/problem.hpp"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <fmt/format.h>
#include <regex>
#include <set>

namespace podium {

std::string_view role_name(Role r) {
  switch (r) {
    case Role::input:
      return "input";
    case Role::output:
      return "output";
    case Role::scalar:
      return "scalar";
    case Role::host_array:
      return "host_array";
    case Role::device_array:
      return "device_array";
  }
  return "?";
}

Distribution distribution_for(const Parameter& p, const Bindings& vars) {
  Distribution d;
  d.kind = p.distribution;
  double* fields[] = {&d.a, &d.b, &d.c, &d.d};
  for (size_t i = 0; i < p.distribution_fields.size() && i < 4; ++i) *fields[i] = p.distribution_fields[i].evaluate(vars);
  return d;
}

Tolerance Tolerance::for_case(const Bindings& vars) const {
  Tolerance t = *this;
  if (rtol_expr) t.rtol = rtol_expr->evaluate(vars);
  if (atol_expr) t.atol = atol_expr->evaluate(vars);
  return t;
}

std::string_view case_set_name(CaseSet s) {
  switch (s) {
    case CaseSet::test:
      return "test";
    case CaseSet::benchmark:
      return "benchmark";
    case CaseSet::ranked:
      return "ranked";
  }
  return "?";
}

const std::vector<Case>& ProblemSpec::cases(CaseSet set) const {
  switch (set) {
    case CaseSet::test:
      return test_cases;
    case CaseSet::benchmark:
      return benchmark_cases;
    case CaseSet::ranked:
      return ranked_cases;
  }
  return test_cases;
}

namespace {

// A YAML node together with its field path, so that errors can say where they are.
class Field {
 public:
  Field(const YAML::Node& node, std::string path, std::string_view file)
      : node_(node), path_(std::move(path)), file_(file) {}

  [[noreturn]] void fail(const std::string& reason) const {
    const auto mark = node_.Mark();
    const std::string where = mark.line >= 0 ? fmt::format("{}:{}", file_, mark.line + 1) : std::string(file_);
    throw SpecError(fmt::format("{}: {}: {}", where, path_.empty() ? "(top level)" : path_, reason));
  }

  bool has(const char* key) const { return node_.IsMap() && node_[key]; }

  Field operator[](const char* key) const {
    if (!has(key)) fail(fmt::format("missing required field '{}'", key));
    return Field(node_[key], join(key), file_);
  }

  Field at(size_t i) const { return Field(node_[i], fmt::format("{}[{}]", path_, i), file_); }

  size_t size() const { return node_.size(); }
  bool is_map() const { return node_.IsMap(); }
  bool is_sequence() const { return node_.IsSequence(); }
  bool is_scalar() const { return node_.IsScalar(); }
  const YAML::Node& node() const { return node_; }

  void expect_map() const {
    if (!node_.IsMap()) fail("expected a mapping (key: value)");
  }
  void expect_sequence() const {
    if (!node_.IsSequence()) fail("expected a list");
  }

  // Rejects keys that are not in `allowed`: a misspelt optional key would otherwise be silently ignored.
  void only_keys(std::initializer_list<std::string_view> allowed) const {
    expect_map();
    for (const auto& kv : node_) {
      const auto key = kv.first.as<std::string>();
      bool ok = false;
      for (auto a : allowed) ok = ok || a == key;
      if (!ok) {
        std::string list;
        for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        Field(kv.first, join(key.c_str()), file_).fail(fmt::format("unknown field '{}' (expected one of {})", key, list));
      }
    }
  }

  std::string str() const {
    if (!node_.IsScalar()) fail("expected a string");
    return node_.as<std::string>();
  }

  double number() const {
    if (!node_.IsScalar()) fail("expected a number");
    try {
      return node_.as<double>();
    } catch (const YAML::Exception&) {
      fail(fmt::format("expected a number, got '{}'", node_.as<std::string>()));
    }
  }

  uint64_t u64() const {
    if (!node_.IsScalar()) fail("expected a non-negative integer");
    try {
      return node_.as<uint64_t>();
    } catch (const YAML::Exception&) {
      fail(fmt::format("expected a non-negative integer, got '{}'", node_.as<std::string>()));
    }
  }

  bool boolean() const {
    try {
      return node_.as<bool>();
    } catch (const YAML::Exception&) {
      fail("expected true or false");
    }
  }

  Expr expr() const {
    if (!node_.IsScalar()) fail("expected an expression");
    const auto text = node_.as<std::string>();
    try {
      return Expr::parse(text);
    } catch (const ExprParseError& e) {
      fail(fmt::format("bad expression '{}': {}", text, e.what()));
    }
  }

  const std::string& path() const { return path_; }

 private:
  std::string join(const char* key) const { return path_.empty() ? std::string(key) : path_ + "." + key; }

  YAML::Node node_;
  std::string path_;
  std::string_view file_;
};

bool is_c_identifier(const std::string& s) {
  static const std::regex re("[A-Za-z_][A-Za-z0-9_]*");
  return std::regex_match(s, re);
}

Expr constant_expr(double v) { return Expr::parse(fmt::format("{:.17g}", v)); }

// Reads a distribution: its kind and its fields as expressions (numbers are expressions too), in the
// order of Distribution's a, b, c, d. Values are checked per case, once the variables are known.
void parse_distribution(const Field& f, Parameter& p) {
  f.expect_map();
  const auto kind = f["kind"].str();
  const auto field = [&](const char* name, double fallback) {
    return f.has(name) ? f[name].expr() : constant_expr(fallback);
  };
  if (kind == "normal") {
    f.only_keys({"kind", "mean", "stddev"});
    p.distribution = DistributionKind::normal;
    p.distribution_fields = {field("mean", 0.0), field("stddev", 1.0)};
  } else if (kind == "uniform") {
    f.only_keys({"kind", "low", "high"});
    p.distribution = DistributionKind::uniform;
    p.distribution_fields = {f["low"].expr(), f["high"].expr()};
  } else if (kind == "integers") {
    f.only_keys({"kind", "low", "high"});
    p.distribution = DistributionKind::integers;
    p.distribution_fields = {f["low"].expr(), f["high"].expr()};
  } else if (kind == "constant") {
    f.only_keys({"kind", "value"});
    p.distribution = DistributionKind::constant;
    p.distribution_fields = {f["value"].expr()};
  } else if (kind == "contended") {
    f.only_keys({"kind", "low", "high", "value", "percent"});
    p.distribution = DistributionKind::contended;
    p.distribution_fields = {f["low"].expr(), f["high"].expr(), f["value"].expr(), f["percent"].expr()};
  } else {
    f["kind"].fail(fmt::format("unknown distribution '{}' (expected normal, uniform, integers, constant or contended)", kind));
  }
  if (!dtype_is_float(p.dtype) && (p.distribution == DistributionKind::normal || p.distribution == DistributionKind::uniform))
    f["kind"].fail(fmt::format("a {} distribution gives fractional values; {} inputs need integers, contended or constant",
                               kind, dtype_name(p.dtype)));
}

// What is wrong with a distribution's values for one case, or "".
std::string distribution_problem(const Distribution& d) {
  switch (d.kind) {
    case DistributionKind::normal:
      return d.b >= 0 ? "" : fmt::format("stddev {} is negative", d.b);
    case DistributionKind::uniform:
      return d.a < d.b ? "" : fmt::format("uniform needs low < high (low {}, high {})", d.a, d.b);
    case DistributionKind::contended:
      if (!(d.d >= 0 && d.d <= 100)) return fmt::format("percent {} is not in [0, 100]", d.d);
      [[fallthrough]];
    case DistributionKind::integers:
      if (d.a != std::floor(d.a) || d.b != std::floor(d.b)) return fmt::format("integer bounds {} and {} must be integers", d.a, d.b);
      return d.a <= d.b ? "" : fmt::format("integers need low <= high (low {}, high {})", d.a, d.b);
    case DistributionKind::constant:
      return "";
  }
  return "";
}

Parameter parse_parameter(const Field& f, BackendKind backend) {
  f.only_keys({"name", "dtype", "role", "shape", "value", "values", "distribution", "ctype"});
  Parameter p;
  p.name = f["name"].str();
  if (!is_c_identifier(p.name)) f["name"].fail(fmt::format("'{}' is not a C identifier", p.name));
  const auto dtype_text = f["dtype"].str();
  const auto dtype = parse_dtype(dtype_text);
  if (!dtype) f["dtype"].fail(fmt::format("unknown dtype '{}' (expected one of {})", dtype_text, dtype_list()));
  p.dtype = *dtype;
  const auto role = f["role"].str();
  if (role == "input") {
    p.role = Role::input;
  } else if (role == "output") {
    p.role = Role::output;
  } else if (role == "scalar") {
    p.role = Role::scalar;
  } else if (role == "host_array") {
    p.role = Role::host_array;
  } else if (role == "device_array") {
    p.role = Role::device_array;
  } else {
    f["role"].fail(fmt::format("unknown role '{}' (expected input, output, scalar, host_array or device_array)", role));
  }
  if (p.role == Role::host_array || p.role == Role::device_array) {
    for (const char* bad : {"shape", "distribution", "value"})
      if (f.has(bad)) f[bad].fail(fmt::format("a {} has its elements in values: [...]", role));
    const auto values = f["values"];
    values.expect_sequence();
    if (values.size() == 0) values.fail("needs at least one element");
    for (size_t i = 0; i < values.size(); ++i) p.values.push_back(values.at(i).expr());
  } else if (p.role == Role::scalar) {
    if (f.has("shape")) f["shape"].fail("a scalar has no shape (use value)");
    if (f.has("distribution")) f["distribution"].fail("a scalar has no distribution (use value)");
    if (p.dtype == DType::f16 || p.dtype == DType::bf16 || p.dtype == DType::i8 || p.dtype == DType::u8)
      f["dtype"].fail("scalars are i32, i64, u32, u64, f32 or f64");
    p.value = f["value"].expr();
  } else {
    if (f.has("value")) f["value"].fail("only scalars have a value");
    if (f.has("values")) f["values"].fail("only host_array and device_array parameters have values");
    const auto shape = f["shape"];
    shape.expect_sequence();
    if (shape.size() == 0) shape.fail("needs at least one dimension");
    for (size_t i = 0; i < shape.size(); ++i) p.shape.push_back(shape.at(i).expr());
    if (f.has("distribution")) {
      if (p.role == Role::output) f["distribution"].fail("outputs are written by the solution; only inputs have a distribution");
      parse_distribution(f["distribution"], p);
    } else if (!dtype_is_float(p.dtype)) {
      p.distribution = DistributionKind::integers;
      p.distribution_fields = {constant_expr(0), constant_expr(100)};
    } else {
      p.distribution_fields = {constant_expr(0), constant_expr(1)};
    }
  }
  const std::string element(dtype_ctype(p.dtype, backend));
  p.ctype = f.has("ctype") ? f["ctype"].str() : element;
  return p;
}

Tolerance parse_tolerance(const Field& f) {
  f.only_keys({"rtol", "atol", "exact", "checker"});
  Tolerance t;
  const int kinds = (f.has("rtol") || f.has("atol")) + f.has("exact") + f.has("checker");
  if (kinds != 1) f.fail("give exactly one of {rtol, atol}, exact: true, or checker: FILE");
  if (f.has("exact")) {
    if (!f["exact"].boolean()) f["exact"].fail("must be true (or use rtol/atol)");
    t.kind = Tolerance::Kind::exact;
  } else if (f.has("checker")) {
    t.kind = Tolerance::Kind::checker;
    t.checker_file = f["checker"].str();
  } else {
    // A number, or an expression of the case variables (checked per case once they are known).
    const auto read = [&](const char* name, double& value, std::optional<Expr>& expr) {
      value = 0.0;
      if (!f.has(name)) return;
      Expr e = f[name].expr();
      if (e.variables().empty()) {
        value = e.evaluate({});
        if (value < 0) f[name].fail("must be non-negative");
      } else {
        expr = std::move(e);
      }
    };
    read("rtol", t.rtol, t.rtol_expr);
    read("atol", t.atol, t.atol_expr);
  }
  return t;
}

std::vector<Case> parse_cases(const Field& f) {
  f.expect_sequence();
  std::vector<Case> cases;
  for (size_t i = 0; i < f.size(); ++i) {
    const auto c = f.at(i);
    c.expect_map();
    Case out;
    std::string default_name;  // the variables in the order the case writes them
    for (const auto& kv : c.node()) {
      const auto key = kv.first.as<std::string>();
      if (key == "name") {
        out.name = c["name"].str();
      } else if (key == "seed") {
        out.seed = c["seed"].u64();
      } else {
        out.vars[key] = c[key.c_str()].number();
        default_name += fmt::format("{}{}={}", default_name.empty() ? "" : " ", key, out.vars[key]);
      }
    }
    if (out.name.empty()) out.name = default_name;
    cases.push_back(std::move(out));
  }
  return cases;
}

// Every variable an expression uses must be bound by every case.
void check_case_variables(const Field& cases_field, const char* set, const std::vector<Case>& cases,
                          const std::vector<std::pair<std::string, const Expr*>>& uses) {
  for (size_t i = 0; i < cases.size(); ++i) {
    for (const auto& [where, expr] : uses) {
      for (const auto& var : expr->variables()) {
        if (!cases[i].vars.count(var))
          cases_field[set].at(i).fail(fmt::format("missing variable '{}' (used by {}: '{}')", var, where, expr->text()));
      }
    }
  }
}

}  // namespace

ProblemSpec parse_problem(std::string_view yaml_text, std::string_view file_label) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::ParserException& e) {
    throw SpecError(fmt::format("{}:{}: not valid YAML: {}", file_label, e.mark.line + 1, e.msg));
  }
  const Field top(root, "", file_label);
  if (!root.IsMap()) top.fail("expected a mapping of fields (format, slug, title, ...)");
  top.only_keys({"format", "slug", "title", "backend", "description", "reference", "cpu_reference", "template", "seed",
                 "ranking", "compile", "parameters", "tolerance", "cost", "cases", "outputs"});

  ProblemSpec spec;
  if (top["format"].u64() != 1) top["format"].fail("unsupported format version (this Podium reads format 1)");
  spec.slug = top["slug"].str();
  static const std::regex slug_re("[a-z0-9]+(-[a-z0-9]+)*");
  if (!std::regex_match(spec.slug, slug_re)) top["slug"].fail("use lowercase letters, digits and single '-'");
  spec.title = top["title"].str();
  const auto backend_text = top["backend"].str();
  const auto backend = parse_backend(backend_text);
  if (!backend) top["backend"].fail(fmt::format("unknown backend '{}' (expected cuda or cpu)", backend_text));
  spec.backend = *backend;
  if (top.has("description")) spec.description_file = top["description"].str();
  spec.reference_file = top["reference"].str();
  if (top.has("cpu_reference")) {
    if (spec.backend != BackendKind::cuda)
      top["cpu_reference"].fail("only cuda problems have one (the reference of a cpu problem already runs on the host)");
    spec.cpu_reference_file = top["cpu_reference"].str();
  }
  spec.template_file = top["template"].str();
  if (top.has("seed")) spec.seed = top["seed"].u64();
  if (top.has("outputs")) {
    const auto text = top["outputs"].str();
    if (text == "poisoned") {
      spec.outputs = OutputInit::poison;
    } else if (text == "zeroed") {
      spec.outputs = OutputInit::zero;
    } else {
      top["outputs"].fail(fmt::format("unknown output initialization '{}' (expected poisoned or zeroed)", text));
    }
  }
  if (top.has("ranking")) {
    const auto text = top["ranking"].str();
    const auto rule = parse_ranking_rule(text);
    if (!rule) top["ranking"].fail(fmt::format("unknown ranking rule '{}' (expected geomean, mean or last)", text));
    spec.ranking = *rule;
  }
  if (top.has("compile")) {
    const auto compile = top["compile"];
    compile.only_keys({"flags"});
    const auto flags = compile["flags"];
    flags.expect_sequence();
    for (size_t i = 0; i < flags.size(); ++i) spec.compile_flags.push_back(flags.at(i).str());
  }

  const auto params = top["parameters"];
  params.expect_sequence();
  std::set<std::string> names;
  for (size_t i = 0; i < params.size(); ++i) {
    auto p = parse_parameter(params.at(i), spec.backend);
    if (!names.insert(p.name).second) params.at(i)["name"].fail(fmt::format("duplicate parameter name '{}'", p.name));
    spec.parameters.push_back(std::move(p));
  }
  bool has_output = false;
  for (const auto& p : spec.parameters) has_output = has_output || p.role == Role::output;
  if (!has_output) params.fail("needs at least one parameter with role: output");

  spec.tolerance = parse_tolerance(top["tolerance"]);

  if (top.has("cost")) {
    const auto cost = top["cost"];
    cost.only_keys({"flops", "bytes", "dtype"});
    if (cost.has("flops")) spec.cost.flops = cost["flops"].expr();
    if (cost.has("bytes")) spec.cost.bytes = cost["bytes"].expr();
    for (const auto& p : spec.parameters) {
      if (p.role == Role::output) {
        spec.cost.dtype = p.dtype;
        break;
      }
    }
    if (cost.has("dtype")) {
      const auto text = cost["dtype"].str();
      const auto dt = parse_dtype(text);
      if (!dt) cost["dtype"].fail(fmt::format("unknown dtype '{}' (expected one of {})", text, dtype_list()));
      spec.cost.dtype = *dt;
    }
  }

  const auto cases = top["cases"];
  cases.only_keys({"test", "benchmark", "ranked"});
  spec.test_cases = parse_cases(cases["test"]);
  if (spec.test_cases.empty()) cases["test"].fail("needs at least one case");
  if (cases.has("benchmark")) spec.benchmark_cases = parse_cases(cases["benchmark"]);
  spec.ranked_cases = cases.has("ranked") ? parse_cases(cases["ranked"]) : spec.benchmark_cases;

  std::vector<std::pair<std::string, const Expr*>> uses;
  for (size_t i = 0; i < spec.parameters.size(); ++i) {
    const auto& p = spec.parameters[i];
    for (size_t d = 0; d < p.shape.size(); ++d) uses.emplace_back(fmt::format("parameters[{}].shape[{}]", i, d), &p.shape[d]);
    if (p.value) uses.emplace_back(fmt::format("parameters[{}].value", i), &*p.value);
    for (size_t k = 0; k < p.values.size(); ++k) uses.emplace_back(fmt::format("parameters[{}].values[{}]", i, k), &p.values[k]);
    for (const auto& e : p.distribution_fields) uses.emplace_back(fmt::format("parameters[{}].distribution", i), &e);
  }
  if (spec.tolerance.rtol_expr) uses.emplace_back("tolerance.rtol", &*spec.tolerance.rtol_expr);
  if (spec.tolerance.atol_expr) uses.emplace_back("tolerance.atol", &*spec.tolerance.atol_expr);
  if (spec.cost.flops) uses.emplace_back("cost.flops", &*spec.cost.flops);
  if (spec.cost.bytes) uses.emplace_back("cost.bytes", &*spec.cost.bytes);
  check_case_variables(cases, "test", spec.test_cases, uses);
  if (cases.has("benchmark")) check_case_variables(cases, "benchmark", spec.benchmark_cases, uses);
  if (cases.has("ranked")) check_case_variables(cases, "ranked", spec.ranked_cases, uses);
  // Shapes must come out as non-negative integers for every case.
  for (const auto& [set, list] : {std::pair{"test", &spec.test_cases}, {"benchmark", &spec.benchmark_cases}, {"ranked", &spec.ranked_cases}}) {
    if (!cases.has(set)) continue;
    for (size_t i = 0; i < list->size(); ++i) {
      const auto& vars = (*list)[i].vars;
      for (size_t k = 0; k < spec.parameters.size(); ++k) {
        const auto& p = spec.parameters[k];
        if (p.role == Role::input) {
          const auto problem = distribution_problem(distribution_for(p, vars));
          if (!problem.empty()) cases[set].at(i).fail(fmt::format("distribution of '{}': {}", p.name, problem));
        }
        if (p.role != Role::input && p.role != Role::output) continue;
        try {
          dimensions(p, vars);
        } catch (const SpecError& e) {
          cases[set].at(i).fail(e.what());
        }
      }
      const Tolerance t = spec.tolerance.for_case(vars);
      if (t.rtol < 0 || t.atol < 0) cases[set].at(i).fail(fmt::format("tolerance is negative (rtol {}, atol {})", t.rtol, t.atol));
    }
  }
  return spec;
}

std::vector<uint64_t> dimensions(const Parameter& p, const Bindings& vars) {
  std::vector<uint64_t> dims;
  for (const auto& e : p.shape) {
    double v;
    try {
      v = e.evaluate(vars);
    } catch (const std::exception& ex) {
      throw SpecError(fmt::format("shape of '{}': {}", p.name, ex.what()));
    }
    if (!(v >= 0) || v != std::floor(v) || v > 9.0e15)
      throw SpecError(fmt::format("shape of '{}': dimension '{}' = {} is not a non-negative integer", p.name, e.text(), v));
    dims.push_back(static_cast<uint64_t>(v));
  }
  return dims;
}

uint64_t element_count(const Parameter& p, const Bindings& vars) {
  uint64_t n = 1;
  for (auto d : dimensions(p, vars)) n *= d;
  return n;
}

std::string c_signature(const ProblemSpec& spec, std::string_view entry_name) {
  std::string out = fmt::format("extern \"C\" void {}(", entry_name);
  for (size_t i = 0; i < spec.parameters.size(); ++i) {
    const auto& p = spec.parameters[i];
    if (i) out += ", ";
    switch (p.role) {
      case Role::input:
        out += fmt::format("const {}* {}", p.ctype, p.name);
        break;
      case Role::output:
        out += fmt::format("{}* {}", p.ctype, p.name);
        break;
      case Role::scalar:
        out += fmt::format("{} {}", p.ctype, p.name);
        break;
      case Role::host_array:
      case Role::device_array:
        out += fmt::format("const {}* {}", p.ctype, p.name);
        break;
    }
  }
  return out + ")";
}

uint64_t case_seed(const ProblemSpec& spec, CaseSet set, size_t index, std::optional<uint64_t> secret) {
  const auto& c = spec.cases(set)[index];
  uint64_t seed = c.seed ? combine_seed(spec.seed, *c.seed)
                         : combine_seed(spec.seed, (static_cast<uint64_t>(set) << 32) | index);
  if (secret) seed = combine_seed(seed, *secret);
  return seed;
}

}  // namespace podium
