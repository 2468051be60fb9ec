package io.closeloop.chassis.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Refuses a request body holding a NUL character, which no column can store (see {@link NulGuard}). */
@Provider
public class NulBodyGuard implements ReaderInterceptor {

    /** In JSON a NUL can only come as the escape backslash-u-0000 (a raw one is not JSON and fails parsing). */
    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        byte[] body = context.getInputStream().readAllBytes();
        if (hasNulEscape(body)) {
            throw new WebApplicationException(NulGuard.refusal("The body contains a NUL character (\\u0000)"));
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /** A backslash-u-0000 that is an escape, not an escaped backslash followed by the text "u0000". */
    static boolean hasNulEscape(byte[] body) {
        for (int i = 0; i + 5 < body.length; i++) {
            if (body[i] == '\\' && body[i + 1] == 'u' && body[i + 2] == '0' && body[i + 3] == '0'
                    && body[i + 4] == '0' && body[i + 5] == '0') {
                int backslashes = 0;
                for (int j = i; j >= 0 && body[j] == '\\'; j--) {
                    backslashes++;
                }
                if (backslashes % 2 == 1) {
                    return true;
                }
            }
        }
        return false;
    }
}
