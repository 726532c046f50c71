import jdk.jfr.consumer.*;
import java.nio.file.*;
import java.util.*;
import java.io.*;

/** Compact TSV: type, start epoch nanos, duration nanos, thread, extra, frames (interesting ones). */
public class JfrTrace {
    static final Set<String> TYPES = Set.of("jdk.SocketRead","jdk.SocketWrite","jdk.ThreadPark","jdk.FileRead","jdk.FileWrite",
        "jdk.FileForce","jdk.JavaMonitorEnter","jdk.JavaMonitorWait");
    public static void main(String[] a) throws Exception {
        try (RecordingFile f = new RecordingFile(Path.of(a[0])); PrintWriter out = new PrintWriter(new BufferedWriter(new FileWriter(a[1])))) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                String t = e.getEventType().getName();
                if (!TYPES.contains(t)) continue;
                java.time.Instant s = e.getStartTime();
                long start = s.getEpochSecond() * 1_000_000_000L + s.getNano();
                long dur = e.getDuration().toNanos();
                String th = e.getThread() == null ? "?" : e.getThread().getJavaName();
                String extra = "";
                if (t.startsWith("jdk.Socket")) extra = e.getString("host") + ":" + e.getInt("port") + (t.endsWith("Read") ? " r" + e.getLong("bytesRead") : " w" + e.getLong("bytesWritten"));
                if (t.startsWith("jdk.File")) extra = String.valueOf(e.getString("path"));
                if (t.equals("jdk.ThreadPark")) { Object pc = e.getValue("parkedClass"); extra = pc == null ? "" : ((RecordedClass) pc).getName(); }
                if (t.startsWith("jdk.JavaMonitor")) { Object mc = e.getValue("monitorClass"); extra = mc == null ? "" : ((RecordedClass) mc).getName(); }
                StringBuilder fr = new StringBuilder();
                RecordedStackTrace st = e.getStackTrace();
                if (st != null) {
                    int n = 0;
                    for (RecordedFrame frame : st.getFrames()) {
                        String c = frame.getMethod().getType().getName();
                        String m = frame.getMethod().getName();
                        if (c.startsWith("dev.parley") || c.startsWith("de.bwaldvogel") || c.startsWith("com.mongodb.client.internal") || c.startsWith("org.h2.mvstore.MVStore") || c.startsWith("org.apache.catalina.connector") ) {
                            fr.append(c.substring(c.lastIndexOf('.') + 1)).append('.').append(m).append(':').append(frame.getLineNumber()).append(' ');
                            if (++n >= 6) break;
                        }
                    }
                }
                out.print(t.substring(4)); out.print('\t'); out.print(start); out.print('\t'); out.print(dur); out.print('\t');
                out.print(th); out.print('\t'); out.print(extra); out.print('\t'); out.println(fr);
            }
        }
    }
}
