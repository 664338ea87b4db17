#include "ir/ShapeInference.h"
#include <gtest/gtest.h>
using namespace mlir::tessera;
TEST(ShapeInference, Broadcast) {
  llvm::SmallVector<int64_t> out;
  ASSERT_TRUE(mlir::succeeded(broadcastShapes({{2, 1, 3}, {4, 1}}, out, [] { return mlir::InFlightDiagnostic(); })));
  EXPECT_EQ(out, (llvm::SmallVector<int64_t>{2, 4, 3}));
}
