package io.strangler.core.row;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.List;

/**
 * A one-row {@link ResultSet} holding what a JDBC driver would hand back for each column, so the JDBC
 * conversion can be tested without a database. Getters convert the stored object the way drivers do.
 */
final class FakeResultSet {

    private FakeResultSet() {
    }

    static ResultSet of(List<String> labels, List<Object> driverValues) {
        Object[] last = new Object[1];
        ResultSetMetaData metaData = (ResultSetMetaData) Proxy.newProxyInstance(FakeResultSet.class.getClassLoader(),
                new Class<?>[] {ResultSetMetaData.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getColumnLabel", "getColumnName" -> labels.get((Integer) args[0] - 1);
                    case "getColumnCount" -> labels.size();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (ResultSet) Proxy.newProxyInstance(FakeResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getMetaData")) {
                        return metaData;
                    }
                    if (method.getName().equals("wasNull")) {
                        return last[0] == null;
                    }
                    Object v = driverValues.get((Integer) args[0] - 1);
                    last[0] = v;
                    return switch (method.getName()) {
                        case "getLong" -> v == null ? 0L : ((Number) v).longValue();
                        case "getDouble" -> v == null ? 0d : ((Number) v).doubleValue();
                        case "getFloat" -> v == null ? 0f : ((Number) v).floatValue();
                        case "getBoolean" -> v != null && (Boolean) v;
                        case "getBigDecimal" -> (BigDecimal) v;
                        case "getString" -> v == null ? null : v.toString();
                        case "getBytes" -> (byte[]) v;
                        case "getObject" -> v == null ? null : ((Class<?>) args[1]).cast(v);
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }
}
