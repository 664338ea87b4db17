# -*- Python -*-
# lit configuration for Tessera's FileCheck tests.
import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "Tessera"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.tessera_obj_root, "test", "lit")
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tools = [
    ToolSubst("tessera-opt", unresolved="fatal"),
    ToolSubst("tessera-compile", unresolved="fatal"),
    ToolSubst("tessera-run", unresolved="fatal"),
    # The runtime's bundle printer (built with the runtime).
    ToolSubst("tessera-inspect", unresolved="ignore"),
]
llvm_config.add_tool_substitutions(tools, [config.tessera_tools_dir])

# The ONNX conformance data lives beside the checkout (../shared/onnx); tests
# read models from there and never copy them. TESSERA_ONNX_DATA overrides.
onnx_data = os.environ.get(
    "TESSERA_ONNX_DATA",
    os.path.join(os.path.dirname(config.tessera_src_root), "shared", "onnx"))
config.substitutions.append(("%onnx", onnx_data))
# Debian's python3 with python3-onnx and python3-numpy, to write small models.
config.substitutions.append(("%python", config.python_executable))
config.environment["PYTHONPATH"] = os.path.join(
    config.tessera_src_root, "test", "lit", "lib")
