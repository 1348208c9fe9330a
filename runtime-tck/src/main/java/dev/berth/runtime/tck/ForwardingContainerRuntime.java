package dev.berth.runtime.tck;

import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.DelegatingContainerRuntime;
import dev.berth.runtime.RuntimeOperationException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Objects;

/**
 * A runtime that forwards every call to a delegate through {@link #around(String, Call)}, so a test can observe or
 * perturb calls (count concurrency, inject failures) by overriding one method. The forwarding itself is
 * {@link DelegatingContainerRuntime}'s; this class only puts {@link #around} between it and the delegate, so a new
 * SPI operation passes through it without a change here. Closing closes the delegate directly.
 */
public class ForwardingContainerRuntime extends DelegatingContainerRuntime {
  private final ContainerRuntime target;

  /** One forwarded call. */
  @FunctionalInterface
  public interface Call<T> {
    T call() throws InterruptedException;
  }

  public ForwardingContainerRuntime(ContainerRuntime delegate) {
    this(delegate, new Hook());
  }

  private ForwardingContainerRuntime(ContainerRuntime delegate, Hook hook) {
    super(hook.intercepting(Objects.requireNonNull(delegate, "delegate")));
    this.target = delegate;
    hook.owner = this;
  }

  /** Runs {@code call} (named {@code operation}, the SPI method name); override to observe every call. */
  protected <T> T around(String operation, Call<T> call) throws InterruptedException {
    return call.call();
  }

  @Override
  public void close() {
    target.close();
  }

  /**
   * Passes each call of the runtime it stands for to the delegate inside the owner's {@link #around}. Where the SPI
   * method cannot throw {@link InterruptedException}, an interruption becomes a {@link RuntimeOperationException}
   * named after the operation, with the thread's interrupt flag set again.
   */
  private static final class Hook {
    private ForwardingContainerRuntime owner;

    ContainerRuntime intercepting(ContainerRuntime delegate) {
      return (ContainerRuntime) Proxy.newProxyInstance(ContainerRuntime.class.getClassLoader(),
          new Class<?>[] {ContainerRuntime.class}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
              return invoke(method, delegate, args);
            }
            try {
              return owner.around(method.getName(), () -> invoke(method, delegate, args));
            } catch (InterruptedException e) {
              if (Arrays.asList(method.getExceptionTypes()).contains(InterruptedException.class)) {
                throw e;
              }
              Thread.currentThread().interrupt();
              throw new RuntimeOperationException(method.getName(), "", "interrupted", e);
            }
          });
    }

    /** The delegate's answer, or what it threw as it threw it. */
    private static Object invoke(Method method, ContainerRuntime delegate, Object[] args)
        throws InterruptedException {
      try {
        return method.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof InterruptedException interrupted) {
          throw interrupted;
        }
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException(method.getName() + " threw an undeclared checked exception", cause);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot call " + method + " on " + delegate.getClass(), e);
      }
    }
  }
}
