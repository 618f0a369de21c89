package io.wadesk.user;

import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

interface UserRepository extends ListCrudRepository<User, Long> {

    @Query("select u from User u where lower(u.username) = lower(?1)")
    Optional<User> findByUsername(String username);

    boolean existsByRole(Role role);

    @Query("select count(u) > 0 from User u where lower(u.username) not in ?1")
    boolean existsOtherThan(java.util.Collection<String> lowerCaseUsernames);

    long countByRoleAndEnabledTrue(Role role);
}
