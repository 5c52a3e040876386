package dev.moviola.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;

/**
 * Adds {@code Content-MD5} to DeleteObjects requests. S3 has always required it there, and MinIO, Ceph, ECS and other
 * S3-compatible stores still do, but since 2.30 the AWS SDK sends a CRC32 checksum instead (aws-sdk-java-v2#5805), so
 * deleting a job's files fails on those stores with "Missing required header for this request: Content-Md5". The
 * body is a short XML list of at most 1000 keys, read once more here.
 */
final class DeleteObjectsMd5 implements ExecutionInterceptor {
    static final String HEADER = "Content-MD5";

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof DeleteObjectsRequest) || context.httpRequest().firstMatchingHeader(HEADER).isPresent()
                || context.requestBody().isEmpty()) {
            return context.httpRequest();
        }
        try (InputStream body = context.requestBody().get().contentStreamProvider().newStream()) {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(body.readAllBytes());
            return context.httpRequest().toBuilder().putHeader(HEADER, Base64.getEncoder().encodeToString(md5)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
