# Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Small ONNX models for lit tests, written with Debian's python3-onnx.

Usage in a RUN line:
  %python -c "import onnx_models as m; m.save(m.single('Relu', ...), '%t.onnx')"
"""
import onnx
from onnx import TensorProto, helper


def single(op_type, inputs, outputs, opset=17, name="node", **attrs):
    """A model with one node. |inputs|/|outputs| are (name, elem_type, shape)
    tuples; shape entries may be strings (symbolic dims)."""
    node = helper.make_node(op_type, [i[0] for i in inputs],
                            [o[0] for o in outputs], name=name, **attrs)
    graph = helper.make_graph(
        [node], "test",
        [helper.make_tensor_value_info(*i) for i in inputs],
        [helper.make_tensor_value_info(*o) for o in outputs])
    return helper.make_model(graph,
                             opset_imports=[helper.make_opsetid("", opset)])


def save(model, path):
    with open(path, "wb") as f:
        f.write(model.SerializeToString())


F32, I64, BOOL, UINT8 = (TensorProto.FLOAT, TensorProto.INT64,
                         TensorProto.BOOL, TensorProto.UINT8)
