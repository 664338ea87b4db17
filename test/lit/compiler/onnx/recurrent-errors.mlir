// Invalid or unsupported RNN, GRU and LSTM nodes: one diagnostic naming the
// node and the offending values, exit 1.

// Only Sigmoid, Tanh and Relu activations are lowered.
// RUN: %python -c "import onnx_models as m; m.save(m.single('LSTM', [('X', m.F32, [2, 1, 3]), ('W', m.F32, [1, 8, 3]), ('R', m.F32, [1, 8, 2])], [('Y', m.F32, None)], opset=14, name='lstm', hidden_size=2, activations=['Sigmoid', 'Elu', 'Tanh']), '%t.act.onnx')"
// RUN: not tessera-compile %t.act.onnx 2>&1 | FileCheck %s --check-prefix=ACT
// ACT: error: node 'lstm' (op 'LSTM', opset 14): unsupported activation 'Elu' (supported: Sigmoid, Tanh, Relu)
// ACT-NOT: error

// One activation list per direction.
// RUN: %python -c "import onnx_models as m; m.save(m.single('RNN', [('X', m.F32, [2, 1, 3]), ('W', m.F32, [2, 4, 3]), ('R', m.F32, [2, 4, 4])], [('Y', m.F32, None)], opset=14, name='rnn', hidden_size=4, direction='bidirectional', activations=['Tanh']), '%t.acts.onnx')"
// RUN: not tessera-compile %t.acts.onnx 2>&1 | FileCheck %s --check-prefix=ACTS
// ACTS: error: node 'rnn' (op 'RNN', opset 14): expected 2 activations (1 per direction), got 1

// W must hold 3 gates of hidden_size rows for a GRU.
// RUN: %python -c "import onnx_models as m; m.save(m.single('GRU', [('X', m.F32, [2, 1, 3]), ('W', m.F32, [1, 8, 3]), ('R', m.F32, [1, 12, 4])], [('Y', m.F32, None)], opset=14, name='gru', hidden_size=4), '%t.w.onnx')"
// RUN: not tessera-compile %t.w.onnx 2>&1 | FileCheck %s --check-prefix=WSHAPE
// WSHAPE: error: node 'gru' (op 'GRU', opset 14): expected W of shape [1, 12, 3], got [1, 8, 3]

// RUN: %python -c "import onnx_models as m; m.save(m.single('RNN', [('X', m.F32, [2, 1, 3]), ('W', m.F32, [1, 4, 3]), ('R', m.F32, [1, 4, 4])], [('Y', m.F32, None)], opset=14, name='rnn', hidden_size=4, direction='sideways'), '%t.dir.onnx')"
// RUN: not tessera-compile %t.dir.onnx 2>&1 | FileCheck %s --check-prefix=DIR
// DIR: error: node 'rnn' (op 'RNN', opset 14): unknown direction 'sideways'

// sequence_lens has one length per batch row.
// RUN: %python -c "import onnx_models as m; m.save(m.single('LSTM', [('X', m.F32, [2, 1, 3]), ('W', m.F32, [1, 8, 3]), ('R', m.F32, [1, 8, 2]), ('B', m.F32, [1, 16]), ('L', m.I64, [2])], [('Y', m.F32, None)], opset=14, name='lstm', hidden_size=2), '%t.lens.onnx')"
// RUN: not tessera-compile %t.lens.onnx 2>&1 | FileCheck %s --check-prefix=LENS
// LENS: error: node 'lstm' (op 'LSTM', opset 14): expected sequence_lens of shape [1], got [2]

// RUN: %python -c "import onnx_models as m; m.save(m.single('RNN', [('X', m.I64, [2, 1, 3]), ('W', m.I64, [1, 4, 3]), ('R', m.I64, [1, 4, 4])], [('Y', m.I64, None)], opset=14, name='rnn', hidden_size=4), '%t.int.onnx')"
// RUN: not tessera-compile %t.int.onnx 2>&1 | FileCheck %s --check-prefix=INT
// INT: error: node 'rnn' (op 'RNN', opset 14): expected a float input X, got 'i64'
