package dev.moviola.storage;

import dev.moviola.config.StorageSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link BlobStore} in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO…), shared by every process of a
 * cluster. Keys live under the bucket's prefix ({@code s3://bucket/prefix} → {@code prefix/outputs/…}).
 *
 * <ul>
 *   <li><b>Atomic puts.</b> S3 makes an object visible only once it is whole: a reader sees the previous object (or
 *       none) until a single PUT, or the completion of a multipart upload, succeeds, and never a part of either. So
 *       {@link #put} keeps the {@link BlobStore} promise without any rename.</li>
 *   <li><b>Big files in parts.</b> Files over {@code multipartThreshold} go up as a multipart upload of
 *       {@code partSize} parts, one at a time (memory stays at one socket buffer, a failed part is retried alone);
 *       a failed upload is aborted so the bucket is not billed for orphan parts.</li>
 *   <li><b>Ranges.</b> {@link #open} with an offset is one ranged GET: results are served to clients with Range
 *       requests without reading the head of the file.</li>
 *   <li><b>Errors</b> name the bucket, the key and what to check; never the credentials, which come from the AWS
 *       default chain and are never read or logged by Moviola.</li>
 * </ul>
 * Request checksums are sent only where S3 requires them ({@code WHEN_REQUIRED}): the SDK's newer default (a
 * CRC32 trailer on every upload) is refused by several S3-compatible stores, as is a DeleteObjects without the
 * {@code Content-MD5} the SDK no longer sends ({@link DeleteObjectsMd5} adds it). Thread-safe; {@link #close} releases
 * the HTTP connections.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);
    /** S3's smallest part (but the last) is 5 MiB; below 64 MiB one PUT is cheaper and just as safe. */
    static final long MULTIPART_THRESHOLD = 64L << 20;
    static final long PART_SIZE = 16L << 20;
    /** The most keys one DeleteObjects request takes. */
    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final StorageSettings.Bucket bucket;
    private final long multipartThreshold;
    private final long partSize;

    S3BlobStore(S3Client s3, StorageSettings.Bucket bucket, long multipartThreshold, long partSize) {
        if (partSize < (5L << 20) || multipartThreshold < partSize) {
            throw new IllegalArgumentException("parts must be at least 5 MiB and the threshold at least one part");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.multipartThreshold = multipartThreshold;
        this.partSize = partSize;
    }

    /** Opens the bucket the settings name, with credentials from the AWS default chain. */
    public static S3BlobStore open(StorageSettings settings) {
        return open(settings, DefaultCredentialsProvider.builder().build());
    }

    /** Opens the bucket the settings name with the given credentials (tests, embedding). */
    public static S3BlobStore open(StorageSettings settings, AwsCredentialsProvider credentials) {
        StorageSettings.Bucket bucket = settings.bucket().orElseThrow(() -> new IllegalArgumentException("no bucket set"));
        return new S3BlobStore(client(settings.endpoint(), settings.region(), settings.pathStyle(), credentials), bucket,
                MULTIPART_THRESHOLD, PART_SIZE);
    }

    /**
     * Lists one key under the prefix: at start-up, so that a wrong endpoint, bucket, region or credentials stop the
     * process with a message instead of failing its first job. Listing is a permission Moviola needs anyway
     * (deleting a job's files lists them).
     */
    public void check() throws IOException {
        String prefix = bucket.prefix().isEmpty() ? "" : bucket.prefix() + "/";
        call("list", prefix, () -> s3.listObjectsV2(b -> b.bucket(bucket.name()).prefix(prefix).maxKeys(1)));
    }

    /**
     * A client for one store. Timeouts bound a stalled connection (10 s to connect, 60 s without a byte), not a
     * whole transfer: a big upload on a slow link may take as long as it needs while bytes flow.
     */
    static S3Client client(Optional<URI> endpoint, String region, boolean pathStyle, AwsCredentialsProvider credentials) {
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .forcePathStyle(pathStyle)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.addExecutionInterceptor(new DeleteObjectsMd5()));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public StorageSettings.Bucket bucket() {
        return bucket;
    }

    /**
     * Uploads a file. Atomic on S3: readers see the old object or the new one, whole (one PUT, or a multipart
     * upload that becomes visible only when completed).
     */
    @Override
    public void put(String key, Path file) throws IOException {
        String objectKey = objectKey(key);
        long size = Files.size(file);
        if (size <= multipartThreshold) {
            call("upload " + file.getFileName() + " to", objectKey, () -> s3.putObject(b -> b.bucket(bucket.name()).key(objectKey)
                    .contentLength(size), RequestBody.fromFile(file)));
            return;
        }
        putInParts(objectKey, file, size);
    }

    private void putInParts(String objectKey, Path file, long size) throws IOException {
        String uploadId = call("start a multipart upload of " + file.getFileName() + " to", objectKey,
                () -> s3.createMultipartUpload(b -> b.bucket(bucket.name()).key(objectKey)).uploadId());
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < size; offset += partSize, number++) {
                long length = Math.min(partSize, size - offset);
                int partNumber = number;
                long from = offset;
                String etag = call("upload part " + partNumber + " of " + file.getFileName() + " to", objectKey,
                        () -> s3.uploadPart(b -> b.bucket(bucket.name()).key(objectKey).uploadId(uploadId)
                                .partNumber(partNumber).contentLength(length),
                                RequestBody.fromContentProvider(slice(file, from, length), length, "application/octet-stream"))
                                .eTag());
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            call("complete the multipart upload of " + file.getFileName() + " to", objectKey,
                    () -> s3.completeMultipartUpload(b -> b.bucket(bucket.name()).key(objectKey).uploadId(uploadId)
                            .multipartUpload(m -> m.parts(parts))));
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket.name()).key(objectKey).uploadId(uploadId));
            } catch (SdkException abort) {
                LOG.warn("could not abort the multipart upload {} of {}: {} (a bucket lifecycle rule for incomplete"
                        + " multipart uploads removes its parts)", uploadId, location(objectKey), abort.getMessage());
            }
            throw e;
        }
    }

    /** A part of a file, re-read from the start of the part each time the SDK retries it. */
    private static ContentStreamProvider slice(Path file, long from, long length) {
        return () -> {
            try {
                FileChannel ch = FileChannel.open(file);
                ch.position(from);
                return new BoundedInputStream(Channels.newInputStream(ch), length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Override
    public void get(String key, Path target) throws IOException {
        String objectKey = objectKey(key);
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            call("download", objectKey, () -> s3.getObject(b -> b.bucket(bucket.name()).key(objectKey),
                    ResponseTransformer.toFile(tmp)));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The object's size from a HEAD request; empty when there is no such object. */
    @Override
    public Optional<Long> size(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            return Optional.of(call("look up", objectKey,
                    () -> s3.headObject(b -> b.bucket(bucket.name()).key(objectKey)).contentLength()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** The object from {@code offset} on, in one ranged GET; past its end, an empty stream. */
    @Override
    public InputStream open(String key, long offset) throws IOException {
        return ranged(key, offset, offset > 0 ? "bytes=" + offset + "-" : null);
    }

    /** Those bytes only, in one ranged GET: a player's seek costs the bytes it asks for, not the rest of the file. */
    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        if (length <= 0) {
            return InputStream.nullInputStream();
        }
        return ranged(key, offset, "bytes=" + offset + "-" + (offset + length - 1));
    }

    private InputStream ranged(String key, long offset, String range) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        String objectKey = objectKey(key);
        try {
            return call("read", objectKey, () -> s3.getObject(b -> b.bucket(bucket.name()).key(objectKey).range(range)));
        } catch (RangeNotSatisfiable e) {
            return InputStream.nullInputStream();
        }
    }

    /** Lists the keys under the prefix (ListObjectsV2) and deletes them a thousand at a time (DeleteObjects). */
    @Override
    public void deleteAll(String prefix) throws IOException {
        String trimmed = prefix.replaceAll("/+$", "");
        String objectPrefix = objectKey(trimmed) + (prefix.endsWith("/") ? "/" : "");
        String token = null;
        do {
            String page = token;
            ListObjectsV2Response list = call("list", objectPrefix, () -> s3.listObjectsV2(ListObjectsV2Request.builder()
                    .bucket(bucket.name()).prefix(objectPrefix).continuationToken(page).maxKeys(DELETE_BATCH).build()));
            List<ObjectIdentifier> ids = list.contents().stream().map(S3Object::key)
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            if (!ids.isEmpty()) {
                DeleteObjectsResponse deleted = call("delete objects under", objectPrefix, () -> s3.deleteObjects(b -> b
                        .bucket(bucket.name()).delete(Delete.builder().objects(ids).quiet(true).build())));
                if (!deleted.errors().isEmpty()) {
                    var first = deleted.errors().get(0);
                    throw new IOException("S3: could not delete " + deleted.errors().size() + " objects under "
                            + location(objectPrefix) + ", the first " + first.key() + ": " + first.code() + " "
                            + first.message() + "; check that the credentials may delete in this bucket");
                }
            }
            token = Boolean.TRUE.equals(list.isTruncated()) ? list.nextContinuationToken() : null;
        } while (token != null);
    }

    @Override
    public void close() {
        s3.close();
    }

    private String objectKey(String key) {
        return bucket.objectKey(BlobStore.checkKey(key));
    }

    private String location(String objectKey) {
        return "s3://" + bucket.name() + "/" + objectKey;
    }

    /** Thrown inside this class only: a Range past the object's end (416). */
    private static final class RangeNotSatisfiable extends IOException {
        RangeNotSatisfiable() {
            super("range not satisfiable");
        }
    }

    private interface Call<T> {
        T run();
    }

    /**
     * Runs one request, turning the SDK's failures into IOExceptions that say what was being done, where, and
     * what to check: a missing object becomes {@link NoSuchFileException} (as from a local store).
     */
    private <T> T call(String doing, String objectKey, Call<T> request) throws IOException {
        try {
            return request.run();
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(location(objectKey), null, "no such object");
        } catch (S3Exception e) {
            int status = e.statusCode();
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (status == 404 && !"NoSuchBucket".equals(code)) {
                throw new NoSuchFileException(location(objectKey), null, "no such object");
            }
            if (status == 416) {
                throw new RangeNotSatisfiable();
            }
            String detail = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                    ? "" : ": " + e.awsErrorDetails().errorMessage();
            throw new IOException("S3: could not " + doing + " " + location(objectKey) + " (HTTP " + status
                    + (code == null ? "" : " " + code) + detail + "); " + hint(status, code), e);
        } catch (SdkClientException e) {
            throw new IOException("S3: could not " + doing + " " + location(objectKey) + ": " + e.getMessage()
                    + "; check s3-endpoint, the network, and that credentials are set (AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY, or AWS_PROFILE)", e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private String hint(int status, String code) {
        if ("NoSuchBucket".equals(code)) {
            return "create the bucket " + bucket.name() + " or fix the setting blob-store";
        }
        if (status == 401 || status == 403) {
            return "check the credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the profile) and that they may read,"
                    + " write and delete in the bucket " + bucket.name();
        }
        if (status == 301 || status == 400 && "AuthorizationHeaderMalformed".equals(code)) {
            return "check s3-region (the bucket is in another region)";
        }
        if (status >= 500) {
            return "the store failed; the request may succeed later";
        }
        return "check s3-endpoint, s3-region and s3-path-style";
    }
}
