import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import org.interslice.cli.Main;
import org.interslice.core.exec.Job;
import picocli.CommandLine;

/**
 * The start-up of one command line alone: the main thread's CPU time and the wall time from the point where
 * {@code Main.main} starts (building the command line) to the command's "command parsed" mark (its job made,
 * {@code Main.commandJob}), then the process halts. Thread CPU time is the measure a loaded machine disturbs
 * least. Prints "CPU_MS WALL_MS". Compiled by bench/startup-paired.sh against the jar it runs with (the class
 * path after the jar, so the jar's class-data archive stays usable).
 *
 * usage: java -cp interslice.jar:DIR StartupInterval resample IN OUT ...
 */
public final class StartupInterval {
    public static void main(String[] args) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Field timeline = Main.class.getDeclaredField("timeline");   // where Main's command job reports its marks
        timeline.setAccessible(true);
        mx.getCurrentThreadCpuTime();
        long c0 = mx.getCurrentThreadCpuTime(), w0 = System.nanoTime();
        CommandLine cl = Main.commandLine(args);
        timeline.set(cl.getCommand(), (Job.Timeline) event -> {
            if (!event.equals("command parsed")) return;
            long c1 = mx.getCurrentThreadCpuTime(), w1 = System.nanoTime();
            System.out.println(new StringBuilder().append((c1 - c0) / 1e6).append(' ').append((w1 - w0) / 1e6));
            Runtime.getRuntime().halt(0);
        });
        cl.execute(args);
        System.exit(1);   // never got there
    }
}
