import ai.djl.*; import ai.djl.engine.Engine; import ai.djl.ndarray.*; import ai.djl.ndarray.types.*; import ai.djl.training.*; import ai.djl.training.optimizer.*; import ai.djl.training.tracker.*;
import ai.djl.nn.Parameter;
import org.interslice.learn.*; import org.interslice.core.exec.Job; import org.interslice.io.Formats;
import java.util.*; import java.nio.file.*;
/** Overfit check of the learned method (issue 17): trains a fresh width-16 SliceNet on a fixed pool of N patches of one volume and prints the pool L1 against morph's. Usage: java -cp CLI-JAR:PLUGIN/* bench/LearnedOverfit.java VOLUME N STEPS LR HEAD_STD [LOSS] */
public class LearnedOverfit {
  public static void main(String[] a) throws Exception {
    Engines.setUp(2);
    String vol = a[0]; int n = Integer.parseInt(a[1]); int steps = Integer.parseInt(a[2]); float lr = Float.parseFloat(a[3]); float headStd = Float.parseFloat(a[4]);
    SliceLoss.Kind kind = SliceLoss.Kind.parse(a.length > 5 ? a[5] : "l1");
    int p = 64, b = 4, C = SliceNet.CHANNELS, pp = p*p;
    PairSampler s = new PairSampler(List.of(PairSampler.Source.of("v", Formats.read(Path.of(vol)).toFloat())), p, 4, 7);
    float[] in = new float[n*C*pp], tr = new float[n*pp];
    try (Job job = Job.of(2, null)) { s.next(n, in, tr, job); }
    double ml1 = 0; for (int q=0;q<n;q++) for (int i=0;i<pp;i++) ml1 += Math.abs(in[q*C*pp+4*pp+i]-tr[q*pp+i]); ml1/= n*pp;
    System.out.printf("morph L1 on pool %.5f%n", ml1);
    Engine.getInstance().setRandomSeed(1);
    try (Model model = Model.newInstance("x")) {
      SliceNet net = new SliceNet(16); model.setBlock(net);
      SliceLoss loss = new SliceLoss(kind);
      List<Parameter> head = net.headParameters();
      DefaultTrainingConfig tc = new DefaultTrainingConfig(loss).optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).build());
      if (headStd > 0) tc = tc.optInitializer(new ai.djl.training.initializer.NormalInitializer(headStd), head::contains);
      try (Trainer t = model.newTrainer(tc)) {
        t.initialize(new Shape(b, C, p, p));
        float[] bi = new float[b*C*pp], bt = new float[b*pp];
        for (int step=1; step<=steps; step++) {
          for (int q=0;q<b;q++){ int f=((step-1)*b+q)%n; System.arraycopy(in,f*C*pp,bi,q*C*pp,C*pp); System.arraycopy(tr,f*pp,bt,q*pp,pp);}
          double v;
          try (NDManager sub = t.getManager().newSubManager()) {
            NDArray x = sub.create(bi, new Shape(b,C,p,p)), y = sub.create(bt, new Shape(b,1,p,p));
            try (GradientCollector gc = t.newGradientCollector()) { NDArray pr = t.forward(new NDList(x)).singletonOrThrow(); NDArray l = loss.evaluate(new NDList(y), new NDList(pr)); v = l.getFloat(); gc.backward(l);} 
            t.step();
          }
          if (step % 20 == 0 || step == 1) {
            // eval on whole pool
            double l1=0, corr=0;
            ParameterStore ps = new ParameterStore(t.getManager(), false);
            for (int f=0; f<n; f+=8) { int m=Math.min(8,n-f);
              try (NDManager sub = t.getManager().newSubManager()) {
                NDArray x = sub.create(Arrays.copyOfRange(in,f*C*pp,(f+m)*C*pp), new Shape(m,C,p,p));
                float[] pr = net.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
                for (int q=0;q<m;q++) for (int i=0;i<pp;i++){ l1+=Math.abs(pr[q*pp+i]-tr[(f+q)*pp+i]); corr+=Math.abs(pr[q*pp+i]-in[(f+q)*C*pp+4*pp+i]); }
              }}
            System.out.printf("step %d loss %.5f poolL1 %.5f (morph %.5f) mean|corr| %.5f%n", step, v, l1/(n*pp), ml1, corr/(n*pp));
          }
        }
      }
    }
  }
}
