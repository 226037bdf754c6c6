package org.consentledger.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

/**
 * Records the SQL statements the current thread sends: JDBC ones through a wrapped DataSource,
 * Hibernate ones through {@link RecordingStatementInspector}. Statements of other threads, such
 * as the background sequencer's, are not recorded.
 */
public final class SqlRecorder {

    private static final ThreadLocal<List<String>> RECORDING = new ThreadLocal<>();
    private static final Set<String> STATEMENTS = Set.of("prepareStatement", "prepareCall", "createStatement");

    /** What a piece of work returned, and the statements it sent. */
    public record Recorded<T>(T result, List<String> statements) {

        public long count(String fragment) {
            return statements.stream().filter(sql -> sql.contains(fragment)).count();
        }
    }

    private SqlRecorder() {
    }

    public static <T> Recorded<T> record(Callable<T> work) throws Exception {
        List<String> statements = new ArrayList<>();
        RECORDING.set(statements);
        try {
            return new Recorded<>(work.call(), List.copyOf(statements));
        } finally {
            RECORDING.remove();
        }
    }

    /** The data source, with every statement prepared on its connections recorded. */
    public static DataSource recording(DataSource dataSource) {
        return (DataSource) Proxy.newProxyInstance(SqlRecorder.class.getClassLoader(), new Class<?>[] { DataSource.class },
                (proxy, method, args) -> {
                    Object result = invoke(dataSource, method, args);
                    return result instanceof Connection c ? recording(c) : result;
                });
    }

    static void sent(String sql) {
        List<String> statements = RECORDING.get();
        if (statements != null) {
            statements.add(sql);
        }
    }

    private static Connection recording(Connection connection) {
        return (Connection) Proxy.newProxyInstance(SqlRecorder.class.getClassLoader(), new Class<?>[] { Connection.class },
                (proxy, method, args) -> {
                    if (STATEMENTS.contains(method.getName())) {
                        sent(args == null || args.length == 0 ? "(statement)" : String.valueOf(args[0]));
                    }
                    return invoke(connection, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
